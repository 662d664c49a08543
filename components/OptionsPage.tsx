import { useEffect } from 'preact/hooks';
import { localisePage, t } from '@/lib/i18n';
import { settings, type Settings } from '@/lib/settings/items';
import { OptionsAnalysis } from './OptionsAnalysis';
import { OptionsAppearance } from './OptionsAppearance';
import { OptionsBaseline } from './OptionsBaseline';
import { OptionsCall } from './OptionsCall';
import { OptionsData } from './OptionsData';
import { OptionsEncryption } from './OptionsEncryption';
import { OptionsMeasurements } from './OptionsMeasurements';
import { OptionsSensitivity } from './OptionsSensitivity';
import { OptionsNudges } from './OptionsNudges';
import { parseSettings, useStored } from './OptionsShared';
import { OptionsSites } from './OptionsSites';

/**
 * Settings: where Selfview runs, what it does during a call, nudges, the baseline, analysis and
 * appearance, and how well each reading was measured. Every change is saved at once (each section says so); changes made in another tab show here too.
 */
export function OptionsPage() {
  const stored = useStored(settings, parseSettings);
  const s = stored.value;
  const update = (patch: Partial<Settings>) => stored.change((v) => ({ ...v, ...patch }));
  useEffect(() => localisePage(t('options.pageTitle')), []);
  return (
    <main class="options" data-testid="options" data-ready={s ? 'true' : 'false'}>
      <h1>{t('options.title')}</h1>
      <p class="muted">{t('options.intro')}</p>
      <p><a href="/history.html" data-testid="history-page-link">{t('history.optionsLink')}</a></p>
      <OptionsSites />
      {s && <OptionsCall settings={s} update={update} />}
      <OptionsNudges />
      <OptionsSensitivity />
      <OptionsBaseline />
      <OptionsData />
      <OptionsEncryption />
      {s && <OptionsAnalysis settings={s} update={update} />}
      {s && <OptionsAppearance settings={s} update={update} />}
      <OptionsMeasurements />
    </main>
  );
}
