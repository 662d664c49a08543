/**
 * The trainer view: coach packets people shared (imported on this page), grouped by person; pick a
 * cue to see everyone side by side over time and each person's per-session numbers.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getDB, type PacketRecord } from '@/lib/db/schema';
import { fmtDateTime, t } from '@/lib/i18n';
import { fmtValue, isRate, metricLabel, mmss } from './HistoryFormat';
import { METRICS, type Metric } from './HistoryModel';
import { groupPackets, packetMetric, sideBySide } from './TrainerModel';
import { TrendsChart } from './TrendsChart';

export function TrainerPanel() {
  const [records, setRecords] = useState<PacketRecord[] | null>(null);
  const [metric, setMetric] = useState<Metric>('lookingAtCamera');
  useEffect(() => void getDB().packets.orderBy('importedAt').toArray().then(setRecords), []);
  const people = useMemo(() => groupPackets(records ?? []), [records]);
  const chart = useMemo(() => sideBySide(people, metric), [people, metric]);
  if (!records) return null;
  if (!people.length) return <p data-testid="trainer-empty">{t('trainer.empty')}</p>;
  const label = metricLabel(metric);
  return (
    <div class="trainer" data-testid="trainer" data-people={people.length}>
      <p class="muted">{t('trainer.intro')}</p>
      <ul data-testid="trainer-people">
        {people.map((p) => <li key={p.name} data-person={p.name}>{t('trainer.person', { name: p.name, sessions: p.sessions.length, packets: p.packets })}</li>)}
      </ul>
      <label class="field">
        {t('trainer.cue')}
        <select data-testid="trainer-cue" value={metric} onChange={(e) => setMetric(e.currentTarget.value as Metric)}>
          {METRICS.map((m) => <option key={m} value={m}>{metricLabel(m)}</option>)}
        </select>
      </label>
      <TrendsChart testId="trainer-chart" label={t('trainer.chartLabel', { cue: label, n: people.length })} x={chart.x} series={chart.series}
        max={isRate(metric) ? null : 1} format={(v) => fmtValue(metric, v)} height={220} />
      <table class="rows" data-testid="trainer-table">
        <caption class="visually-hidden">{t('trainer.tableCaption', { cue: label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trainer.col.person')}</th>
            <th scope="col">{t('history.col.date')}</th>
            <th scope="col">{t('history.col.site')}</th>
            <th scope="col">{t('history.col.duration')}</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {people.flatMap((p) => p.sessions.map((s) => (
            <tr key={`${p.name}|${s.startedAt}|${s.site}`} data-person={p.name}>
              <th scope="row">{p.name}</th>
              <td>{fmtDateTime(s.startedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td>{s.site.replace(/^https?:\/\//, '')}</td>
              <td>{mmss(Math.round(s.durationS))}</td>
              <td>{fmtValue(metric, packetMetric(s, metric))}</td>
            </tr>
          )))}
        </tbody>
      </table>
    </div>
  );
}
