/** Number formatting shared by the cue-truth section's tables. */
import type { Interval } from '../../../lib/analysis/bootstrap';

/** One row of the summary table: cue, truth source, figure, value (an interval, or NaN for none), n, decimals. */
export type Row = [cue: string, truth: string, figure: string, value: Interval | number, n: string, decimals?: number];

/** A summary row as markdown. */
export function rowMarkdown([cue, truth, figure, v, n, d = 3]: Row): string {
  const est = typeof v === 'number' ? fmt(v, d) : fmt(v.estimate, d);
  return `| ${cue} | ${truth} | ${figure} | ${est} | ${typeof v === 'number' ? '' : ci(v, d)} | ${n} |`;
}

/** A number to `d` decimals, or an em dash when it is undefined. */
export const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** An interval as `[lo, hi]`, or nothing when the bootstrap had no defined resample. */
export const ci = (i: Interval, d = 3): string => (Number.isFinite(i.lo) ? `[${fmt(i.lo, d)}, ${fmt(i.hi, d)}]` : '');
