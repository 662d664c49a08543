/** Settings › Appearance: the colour theme of Selfview's pages. */
import type { Settings } from '@/lib/settings/items';
import { OptionsSection, useSaveStatus } from './OptionsShared';

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'auto', label: 'Auto (follow the system)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function OptionsAppearance(props: { settings: Settings; update: (patch: Partial<Settings>) => Promise<void> }) {
  const { status, save } = useSaveStatus();
  return (
    <OptionsSection id="appearance" title="Appearance" status={status}>
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <div class="check" key={t.value}>
            <input type="radio" name="theme" id={`theme-${t.value}`} value={t.value} checked={props.settings.theme === t.value} data-testid={`theme-${t.value}`}
              onChange={() => void save(() => props.update({ theme: t.value }))} />
            <label for={`theme-${t.value}`}>{t.label}</label>
          </div>
        ))}
      </fieldset>
    </OptionsSection>
  );
}
