/**
 * Settings › About the measurements: each reading with what it measures, the figure it was
 * measured to (and on what), and whether it meets the floor — those that do not are shown as
 * "rough" everywhere and drive no nudge. The numbers come from measured.json, never from the texts.
 */
import { cueReliability, MEASURED, RELIABILITY_KEYS, type ReliabilityKey, type ReliabilityTable } from '@/lib/cues/reliability';
import { t } from '@/lib/i18n';
import { figureText, floorText, reliabilityName, reliabilityWhat, roughWhy } from '@/lib/i18n/reliability';

/** The smile's two figures first (the reading people ask about), the blink rate after the per-frame cues. */
const ORDER: readonly ReliabilityKey[] = ['smile', 'smileUncalibrated', ...RELIABILITY_KEYS.filter((k) => k !== 'smile' && k !== 'smileUncalibrated')];

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function OptionsMeasurements({ table = MEASURED }: { table?: ReliabilityTable }) {
  const all = ORDER.map((k) => cueReliability(k, table));
  return (
    // A card like the settings sections, without their "Saved" status: nothing here is a setting.
    <section class="card" aria-labelledby="measurements-title" data-testid="section-measurements">
      <h2 id="measurements-title">{t('reliability.about.title')}</h2>
      <p class="muted">{t('reliability.about.intro')}</p>
      <p data-testid="measurement-floor">{floorText(table.floor)}</p>
      <p class="hint" data-testid="measurement-summary">{t('reliability.about.summary', { trusted: all.filter((r) => r.trusted).length, total: all.length })}</p>
      <ul class="measures" data-testid="measurements">
        {all.map((r) => (
          <li key={r.key} data-cue={r.key} data-trusted={r.trusted ? 'true' : 'false'}>
            <div class="measure-head">
              <strong>{reliabilityName(r.key)}</strong>
              <span class={r.trusted ? 'measure-state ok' : 'measure-state rough-state'}>{r.trusted ? t('reliability.trusted') : t('reliability.caveat')}</span>
            </div>
            <span class="hint">{reliabilityWhat(r.key)}</span>
            <span class="measure-figure">{r.trusted && r.figure ? upperFirst(figureText(r.figure)) : upperFirst(roughWhy(r))}.</span>
            {r.figure && <span class="hint">{t('reliability.truth', { truth: r.figure.truth })}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
