/** Trends: for each cue, its value per session over time, for the sessions of the current filter. */
import { useMemo } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { fmtValue, isRate, metricLabel } from './HistoryFormat';
import { METRICS, metricOf, type HistoryRow, type Metric } from './HistoryModel';
import { TrendsChart } from './TrendsChart';

/** The x and values of one metric over the summarised rows, oldest first. */
function trend(rows: HistoryRow[], m: Metric): { x: number[]; values: (number | null)[] } {
  return { x: rows.map((r) => r.startedAt), values: rows.map((r) => metricOf(r.summary, m)) };
}

export function TrendsPanel({ rows }: { rows: HistoryRow[] }) {
  const withSummary = useMemo(() => rows.filter((r) => r.summary).sort((a, b) => a.startedAt - b.startedAt), [rows]);
  const series = useMemo(() => new Map(METRICS.map((m) => [m, trend(withSummary, m)])), [withSummary]);
  if (!withSummary.length) return <p data-testid="trends-empty">{t('trends.empty')}</p>;
  return (
    <div class="trends" data-testid="trends" data-sessions={withSummary.length}>
      <p class="muted">{t('trends.intro', { n: withSummary.length })}</p>
      {METRICS.map((m) => {
        const s = series.get(m)!;
        const latest = [...s.values].reverse().find((v) => v !== null) ?? null;
        const label = metricLabel(m);
        return (
          <figure key={m} class="card trend">
            <figcaption>{label}: <strong>{fmtValue(m, latest)}</strong> <span class="muted">{t('trends.latest')}</span></figcaption>
            <TrendsChart testId={`trend-${m}`} label={t('trends.aria', { label, n: s.x.length, value: fmtValue(m, latest) })}
              x={s.x} series={[{ label, values: s.values }]} max={isRate(m) ? null : 1} format={(v) => fmtValue(m, v)} />
          </figure>
        );
      })}
    </div>
  );
}
