/** Settings › Cue sensitivity: how readily a second counts as smiling, brows drawn together, or looking at the camera. */
import { cueSensitivity } from '@/lib/feedback/items';
import { DEFAULT_SENSITIVITY, SENSITIVE_CUES, type CueSensitivity, type Sensitivity } from '@/lib/feedback/sensitivity';
import { t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus, useStored } from './OptionsShared';

const LEVELS: readonly Sensitivity[] = ['less', 'normal', 'more'];

const parse = (raw: unknown): CueSensitivity => {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<string, unknown>>;
  const level = (v: unknown): Sensitivity => (v === 'less' || v === 'more' ? v : 'normal');
  return { smile: level(r.smile), browFurrow: level(r.browFurrow), gazeAtCamera: level(r.gazeAtCamera) };
};

export function OptionsSensitivity() {
  const stored = useStored(cueSensitivity, parse);
  const { status, save } = useSaveStatus();
  if (stored.value === undefined) return null;
  const value = stored.value;
  return (
    <OptionsSection id="sensitivity" title={t('options.sensitivity.title')} status={status}>
      <p class="muted">{t('options.sensitivity.intro')}</p>
      {SENSITIVE_CUES.map((cue) => (
        <div class="field" key={cue}>
          <label for={`sensitivity-${cue}`}>{t(`options.sensitivity.cues.${cue}`)}</label>{' '}
          <select id={`sensitivity-${cue}`} value={value[cue]} data-testid={`sensitivity-${cue}`}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value as Sensitivity;
              void save(() => stored.change((s) => ({ ...s, [cue]: v })));
            }}>
            {LEVELS.map((l) => (
              <option value={l} key={l}>{t(`options.sensitivity.levels.${l}`)}{l === DEFAULT_SENSITIVITY[cue] ? ` ${t('options.sensitivity.default')}` : ''}</option>
            ))}
          </select>
        </div>
      ))}
    </OptionsSection>
  );
}
