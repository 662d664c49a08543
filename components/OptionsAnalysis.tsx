/** Settings › Analysis: the practice page's frame rate and where the face model runs. */
import type { DelegatePreference } from '@/lib/engine/delegate';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/items';
import { FpsOptions } from './OptionsCall';
import { t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus } from './OptionsShared';

/** Offered practice rates (1–30 allowed): a practice run is short and has the CPU to itself. */
export const SAMPLE_FPS_CHOICES = [3, 5, 8, 10, 15, 20, 30];

const DELEGATES: readonly DelegatePreference[] = ['auto', 'cpu', 'gpu'];

export function OptionsAnalysis(props: { settings: Settings; update: (patch: Partial<Settings>) => Promise<void> }) {
  const { status, save } = useSaveStatus();
  const s = props.settings;
  return (
    <OptionsSection id="analysis" title={t('options.analysis.title')} status={status}>
      <div class="field">
        <label for="sample-fps">{t('options.analysis.fps')}</label>{' '}
        <select id="sample-fps" value={s.sampleFps} data-testid="sample-fps" aria-describedby="sample-fps-hint"
          onChange={(e) => void save(() => props.update({ sampleFps: Number((e.currentTarget as HTMLSelectElement).value) }))}>
          <FpsOptions choices={SAMPLE_FPS_CHOICES} value={s.sampleFps} fallback={DEFAULT_SETTINGS.sampleFps} />
        </select>
        <span class="hint" id="sample-fps-hint">{t('options.analysis.fpsHint', { n: DEFAULT_SETTINGS.sampleFps })}</span>
      </div>
      <fieldset aria-describedby="delegate-hint">
        <legend>{t('options.analysis.delegate')}</legend>
        {DELEGATES.map((d) => (
          <div class="check" key={d}>
            <input type="radio" name="delegate" id={`delegate-${d}`} value={d} checked={s.delegate === d} data-testid={`delegate-${d}`}
              onChange={() => void save(() => props.update({ delegate: d }))} />
            <label for={`delegate-${d}`}>{t(`options.analysis.delegates.${d}`)}</label>
          </div>
        ))}
        <p class="hint" id="delegate-hint">{t('options.analysis.delegateHint')}</p>
      </fieldset>
    </OptionsSection>
  );
}
