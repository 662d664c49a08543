/** How the history page words and scales each metric (labels via lib/i18n). */
import type { SessionSummary } from '@/lib/db/schema';
import { fmtNumber, pct, t, type MessageKey } from '@/lib/i18n';
import { metricOf, type Metric } from './HistoryModel';

/** Seconds as m:ss (or h:mm:ss from an hour). */
export function mmss(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(Math.floor(s % 60)).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The i18n key naming each metric. */
export const METRIC_LABEL = {
  lookingAtCamera: 'report.share.lookingAtCamera',
  smiling: 'report.share.smiling',
  browsDrawn: 'report.share.browsDrawn',
  mouthOpen: 'report.share.mouthOpen',
  headTurned: 'report.share.headTurned',
  offCentre: 'report.share.offCentre',
  blinksPerMinute: 'charts.blinks',
  expressiveness: 'charts.expr',
} as const satisfies Record<Metric, MessageKey>;

/** The metric's name in the user's language. */
export const metricLabel = (m: Metric): string => t(METRIC_LABEL[m]);

/** Shares and expressiveness are 0..1 (shown as %); blinks per minute are a count. */
export const isRate = (m: Metric): boolean => m === 'blinksPerMinute';

/** A metric's value as text ("—" when there is none). */
export function fmtValue(m: Metric, v: number | null): string {
  if (v === null) return '—';
  return isRate(m) ? fmtNumber(v, 1) : pct(v);
}

/** A session's metric as text. */
export const fmtMetric = (m: Metric, s: SessionSummary | null): string => fmtValue(m, metricOf(s, m));
