// Protects the CSV download: every table is there with its header, text survives quotes, commas,
// line breaks and unicode, and nothing a spreadsheet would run as a formula is left runnable.
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDB } from '../db/test-support';
import { CSV_COLUMNS, exportCsvZip, toCsv } from './csv';
import { buildExport } from './export';
import type { SelfviewExport } from './export-schema';
import { EXPORTED_AT, HOSTILE_NOTES, storeCalls } from './test-support';

let x: SelfviewExport;
beforeAll(async () => {
  const db = freshDB();
  await storeCalls(db);
  x = await buildExport(db, { kind: 'all' }, null, EXPORTED_AT);
  db.close();
});

/** A CSV file of the zip, parsed back (header row first). */
function table(files: Record<string, Uint8Array>, name: string): string[][] {
  // ignoreBOM: keep the byte-order mark, to check that it is there.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[name]!);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const r = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

describe('CSV export', () => {
  it('zips one CSV per table with its columns and one row per record', () => {
    const files = unzipSync(exportCsvZip(x));
    expect(Object.keys(files).sort()).toEqual(['goals.csv', 'nudges.csv', 'samples.csv', 'sessions.csv']);
    const samples = table(files, 'samples.csv');
    expect(samples[0]).toEqual([...CSV_COLUMNS.samples]);
    expect(samples).toHaveLength(1 + x.samples.length);
    const first = Object.fromEntries(samples[0]!.map((c, i) => [c, samples[1]![i]]));
    expect(Number(first.smile_mean)).toBe(x.samples[0]!.agg.cues!.smile.mean);
    expect(Number(first.headYaw_max)).toBe(x.samples[0]!.agg.cues!.headYaw.max);
    expect(table(files, 'nudges.csv')).toHaveLength(1 + 6);
    expect(table(files, 'goals.csv')[1]).toEqual(['goal-1', 'lookingAtCamera', 'atLeast', '0.6', String(x.goals[0]!.createdAt), '']);
  });

  it('keeps hostile text intact, defusing formulas with a leading apostrophe', () => {
    const sessions = table(unzipSync(exportCsvZip(x)), 'sessions.csv');
    const col = (name: string) => sessions[0]!.indexOf(name);
    expect(sessions[1]![col('notes')]).toBe(HOSTILE_NOTES);
    expect(sessions[2]![col('notes')]).toBe("'=1+2");
    expect(sessions[3]![col('tags')]).toBe('["team call","-minus"]');
    expect(sessions[1]![col('share_lookingAtCamera')]).toBe(String(x.sessions[0]!.summary!.shares.lookingAtCamera));
    expect(sessions[2]![col('share_lookingAtCamera')]).toBe('');
    const nudges = table(unzipSync(exportCsvZip(x)), 'nudges.csv');
    expect(nudges[2]![nudges[0]!.indexOf('message')]).toBe("'@SUM(A1) framing");
  });

  it.each([
    ['quotes', 'say "hi"', 'say "hi"'],
    ['commas', 'a,b,,c', 'a,b,,c'],
    ['newlines', 'one\ntwo\n', 'one\ntwo\n'],
    ['CR', 'one\rtwo', 'one\rtwo'],
    ['unicode', 'Grüße 🎤 日本語 \u202e', 'Grüße 🎤 日本語 \u202e'],
    ['a formula', '=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ['a formula before a line break', '=1+1\nthen more', "'=1+1\nthen more"],
    ['a plus', '+1', "'+1"],
    ['a minus', '-1+2', "'-1+2"],
    ['an at sign', '@cmd', "'@cmd"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading CR', '\r=1', "'\r=1"],
    ['a script tag', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('round-trips %s through papaparse', (_name, cell, expected) => {
    const csv = toCsv(['text', 'n'], [{ text: cell, n: -3.5 }]);
    const back = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    // Numbers are not text: a negative number stays a number, not a defused formula.
    expect(back).toEqual([['text', 'n'], [expected, '-3.5']]);
  });

  it('gives the same bytes for the same export', () => {
    expect(exportCsvZip(x)).toEqual(exportCsvZip(x));
  });
});
