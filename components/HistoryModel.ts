/**
 * What the history page shows of a session, and the pure list logic over it: sorting, searching,
 * paging, and the per-session numbers that trends and goals plot. No browser globals here, so the
 * unit tests run it in Node.
 */
import type { SessionRecord, SessionSummary, SummaryCue } from '@/lib/db/schema';

/** One session as the page shows it (notes and summary already opened when they were sealed). */
export interface HistoryRow {
  id: string;
  site: string;
  startedAt: number;
  endedAt: number | null;
  durationS: number;
  tags: string[];
  notes: string;
  summary: SessionSummary | null;
  /** Stored encrypted (so editing needs the unlocked vault). */
  sealed: boolean;
}

/** The share cues of a summary, in display order. */
export const SHARE_CUES: readonly SummaryCue[] = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre'];

/** A number a session has: a share, the blink rate, or expressiveness. */
export type Metric = SummaryCue | 'blinksPerMinute' | 'expressiveness';
/** Every metric, as trends show them. */
export const METRICS: readonly Metric[] = [...SHARE_CUES, 'blinksPerMinute', 'expressiveness'];

/** The value of a metric for a session, or null when it has none (no summary yet, nothing judged). */
export function metricOf(summary: SessionSummary | null, m: Metric): number | null {
  if (!summary) return null;
  if (m === 'blinksPerMinute' || m === 'expressiveness') return summary[m];
  return summary.shares[m];
}

/** What the list can be sorted by. */
export type SortKey = 'startedAt' | 'duration' | 'site' | Metric;
export type SortDir = 'asc' | 'desc';

/** A row built from a stored session and its opened fields. */
export function toRow(s: SessionRecord, opened: { notes: string; summary: SessionSummary | undefined }, now: number): HistoryRow {
  return {
    id: s.id,
    site: s.site.replace(/^https?:\/\//, ''),
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationS: Math.max(0, Math.round(((s.endedAt ?? now) - s.startedAt) / 1000)),
    tags: s.tags,
    notes: opened.notes,
    summary: opened.summary ?? null,
    sealed: s.sealed !== undefined,
  };
}

const keyOf = (r: HistoryRow, k: SortKey): number | string | null =>
  k === 'startedAt' ? r.startedAt : k === 'duration' ? r.durationS : k === 'site' ? r.site : metricOf(r.summary, k);

/**
 * The rows sorted by `key` (a copy). Sessions without the value (no summary yet) go last in
 * either direction, and ties keep newest first, so the order never jumps between equal rows.
 */
export function sortRows(rows: readonly HistoryRow[], key: SortKey, dir: SortDir): HistoryRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = keyOf(a, key);
    const y = keyOf(b, key);
    if (x === null || y === null) return x === y ? b.startedAt - a.startedAt : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return c !== 0 ? sign * c : b.startedAt - a.startedAt;
  });
}

/** Rows whose notes, tags or site contain every word of `query` (case-insensitive); all rows for an empty query. */
export function searchRows(rows: readonly HistoryRow[], query: string): HistoryRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((r) => {
    const text = `${r.notes}\n${r.tags.join(' ')}\n${r.site}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Rows shown per page of the list: the DOM stays this small however many sessions are stored. */
export const PAGE_SIZE = 50;

/** Page `page` (0-based, clamped) of `rows`, and how many pages there are (at least 1). */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: rows.slice(p * size, (p + 1) * size), page: p, pages };
}

/** Tags typed as "a, b  c" → ["a", "b", "c"] without empties and duplicates. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Local midnight of a `yyyy-mm-dd` date input value (ms), or undefined when empty or invalid. */
export function dayStart(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  const ms = new Date(y!, m! - 1, d!).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** The last millisecond of a `yyyy-mm-dd` day (ms), or undefined. */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  if (start === undefined) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1).getTime() - 1;
}
