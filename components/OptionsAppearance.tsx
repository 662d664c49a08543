/** Settings › Appearance: the colour theme of Selfview's pages. */
import type { Settings } from '@/lib/settings/items';
import { t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus } from './OptionsShared';

const THEMES: readonly Settings['theme'][] = ['auto', 'light', 'dark'];

export function OptionsAppearance(props: { settings: Settings; update: (patch: Partial<Settings>) => Promise<void> }) {
  const { status, save } = useSaveStatus();
  return (
    <OptionsSection id="appearance" title={t('options.appearance.title')} status={status}>
      <fieldset>
        <legend>{t('options.appearance.theme')}</legend>
        {THEMES.map((theme) => (
          <div class="check" key={theme}>
            <input type="radio" name="theme" id={`theme-${theme}`} value={theme} checked={props.settings.theme === theme} data-testid={`theme-${theme}`}
              onChange={() => void save(() => props.update({ theme }))} />
            <label for={`theme-${theme}`}>{t(`options.appearance.themes.${theme}`)}</label>
          </div>
        ))}
      </fieldset>
      <p class="hint" data-testid="language">{t('options.appearance.language')}</p>
    </OptionsSection>
  );
}
