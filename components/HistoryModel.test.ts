/** The history list's pure logic, on summaries computed from a real recorded clip. */
import { describe, expect, it } from 'vitest';
import type { SessionRecord, SessionSummary } from '@/lib/db/schema';
import { summarize } from '@/lib/db/summaries';
import { recordedSeconds } from '@/lib/db/test-support';
import { dayEnd, dayStart, metricOf, pageOf, parseTags, searchRows, sortRows, toRow, type HistoryRow } from './HistoryModel';

const real = summarize(recordedSeconds(), 31, 1);
const T0 = Date.UTC(2026, 0, 5, 9, 0);

function row(id: string, startMin: number, minutes: number, site: string, summary: SessionSummary | null, notes = '', tags: string[] = []): HistoryRow {
  const s: SessionRecord = {
    id, site, startedAt: T0 + startMin * 60_000, endedAt: T0 + (startMin + minutes) * 60_000, endReason: 'stopped',
    seconds: minutes * 60, notes, tags, settings: { sampleFps: 5 }, ...(summary ? { summary } : {}),
  };
  return toRow(s, { notes, summary: summary ?? undefined }, T0);
}
const withGaze = (v: number | null): SessionSummary => ({ ...real, shares: { ...real.shares, lookingAtCamera: v } });

const rows = [
  row('a', 0, 30, 'https://meet.google.com', withGaze(0.4), 'Interview practice with Sam', ['interview']),
  row('b', 60, 5, 'zoom', withGaze(0.9), 'stand-up'),
  row('c', 120, 45, 'https://meet.jit.si', null, '', ['talk', 'interview']),
  row('d', 180, 10, 'zoom', withGaze(0.4)),
];

describe('the history list', () => {
  it('builds rows from stored sessions: site without scheme, length from start to end, real summary', () => {
    expect(rows[0]).toMatchObject({ site: 'meet.google.com', durationS: 1800, sealed: false });
    expect(real.judgedS).toBeGreaterThan(0);
    expect(metricOf(real, 'lookingAtCamera')).toBe(real.shares.lookingAtCamera);
    expect(metricOf(real, 'blinksPerMinute')).toBe(real.blinksPerMinute);
    expect(metricOf(null, 'smiling')).toBeNull();
  });

  it('sorts by date, length, site and a share; sessions without the value go last, ties newest first', () => {
    expect(sortRows(rows, 'startedAt', 'desc').map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortRows(rows, 'duration', 'asc').map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(sortRows(rows, 'site', 'asc').map((r) => r.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(sortRows(rows, 'lookingAtCamera', 'desc').map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(sortRows(rows, 'lookingAtCamera', 'asc').map((r) => r.id)).toEqual(['d', 'a', 'b', 'c']);
    // The input is left as it was.
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('searches notes, tags and site for every word, ignoring case', () => {
    expect(searchRows(rows, 'INTERVIEW').map((r) => r.id)).toEqual(['a', 'c']);
    expect(searchRows(rows, 'interview sam').map((r) => r.id)).toEqual(['a']);
    expect(searchRows(rows, 'zoom').map((r) => r.id)).toEqual(['b', 'd']);
    expect(searchRows(rows, '  ')).toHaveLength(4);
  });

  it('pages 1,000 rows into 20 pages of 50 and clamps the page number', () => {
    const many = Array.from({ length: 1000 }, (_, i) => i);
    expect(pageOf(many, 0)).toMatchObject({ page: 0, pages: 20 });
    expect(pageOf(many, 19).items).toEqual(many.slice(950));
    expect(pageOf(many, 99).page).toBe(19);
    expect(pageOf([], 3)).toEqual({ items: [], page: 0, pages: 1 });
  });

  it('reads tags and date inputs', () => {
    expect(parseTags(' interview, talk  interview ,,')).toEqual(['interview', 'talk']);
    const start = dayStart('2026-03-29')!;
    expect(new Date(start).getDate()).toBe(29);
    expect(new Date(start).getHours()).toBe(0);
    expect(dayEnd('2026-03-29')! - start).toBeGreaterThan(22 * 3600_000);
    expect(new Date(dayEnd('2026-03-29')! + 1).getDate()).toBe(30);
    expect(dayStart('')).toBeUndefined();
    expect(dayStart('29.03.2026')).toBeUndefined();
  });
});
