/**
 * The export as spreadsheets: one CSV per table (sessions, samples, nudges, goals) in one zip.
 * Samples are flattened into columns (`smile_mean`, `smile_max`, `smile_above`, …). Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe.
 */
import { zipSync, strToU8 } from 'fflate';
import Papa from 'papaparse';
import { CUE_NAMES } from '../cues/types';
import type { SelfviewExport } from './export-schema';

/** Cells Excel, LibreOffice and Google Sheets would treat as formulas (papaparse's own pattern misses text with a line break). */
export const FORMULA_START = /^[=+\-@\t\r]/;

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

const SHARES = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre'] as const;

/** Column order of each file (also written when a table is empty, so the header is always there). */
export const CSV_COLUMNS = {
  sessions: ['id', 'site', 'startedAt', 'endedAt', 'endReason', 'seconds', 'notes', 'tags', 'sampleFps', 'baselineId', 'durationS', 'judgedS', 'unreadS', ...SHARES.map((s) => `share_${s}`), 'blinksPerMinute', 'expressiveness', 'nudges'],
  samples: ['sessionId', 't', 'at', 'aggT', 'frames', 'faceFrames', 'faces', 'quality', 'qualityIssue', 'blinks', 'expressiveness', ...CUE_NAMES.flatMap((c) => [`${c}_mean`, `${c}_max`, `${c}_above`])],
  nudges: ['sessionId', 'at', 't', 'kind', 'message', 'textKey', 'halfMinutes', 'blinks', 'notHelpful'],
  goals: ['id', 'cue', 'direction', 'target', 'createdAt', 'archivedAt'],
} as const;

/** The rows of each table. */
export function csvRows(x: SelfviewExport): Record<keyof typeof CSV_COLUMNS, Row[]> {
  return {
    sessions: x.sessions.map((s) => ({
      id: s.id, site: s.site, startedAt: s.startedAt, endedAt: s.endedAt, endReason: s.endReason, seconds: s.seconds, notes: s.notes,
      tags: JSON.stringify(s.tags), sampleFps: s.settings.sampleFps, baselineId: s.settings.baselineId,
      durationS: s.summary?.durationS ?? null, judgedS: s.summary?.judgedS ?? null, unreadS: s.summary?.unreadS ?? null,
      ...Object.fromEntries(SHARES.map((k) => [`share_${k}`, s.summary?.shares[k] ?? null])),
      blinksPerMinute: s.summary?.blinksPerMinute ?? null, expressiveness: s.summary?.expressiveness ?? null, nudges: s.summary?.nudges ?? null,
    })),
    samples: x.samples.map(({ sessionId, t, at, agg }) => {
      const row: Row = { sessionId, t, at, aggT: agg.t, frames: agg.frames, faceFrames: agg.faceFrames, faces: agg.faces, quality: agg.quality, qualityIssue: agg.qualityIssue, blinks: agg.blinks, expressiveness: agg.expressiveness };
      for (const c of CUE_NAMES) {
        const st = agg.cues?.[c];
        row[`${c}_mean`] = st?.mean ?? null;
        row[`${c}_max`] = st?.max ?? null;
        row[`${c}_above`] = st?.above ?? null;
      }
      return row;
    }),
    nudges: x.nudges.map((n) => ({ sessionId: n.sessionId, at: n.at, t: n.t, kind: n.kind, message: n.message, textKey: n.text?.key ?? null, halfMinutes: n.text?.halfMinutes ?? null, blinks: n.text?.blinks ?? null, notHelpful: n.notHelpful })),
    goals: x.goals.map((g) => ({ ...g })),
  };
}

/** One table as CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect; empty cell for null). */
export function toCsv(columns: readonly string[], rows: Row[]): string {
  return Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? null)) }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
}

/**
 * The zip of `sessions.csv`, `samples.csv`, `nudges.csv` and `goals.csv`, UTF-8 with a byte-order
 * mark (so spreadsheets read non-ASCII text correctly). File times are the export's time, so the same
 * export always gives the same bytes.
 */
export function exportCsvZip(x: SelfviewExport): Uint8Array {
  const rows = csvRows(x);
  const mtime = new Date(Math.max(x.exportedAt, Date.UTC(1980, 1, 1)));
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const table of Object.keys(CSV_COLUMNS) as (keyof typeof CSV_COLUMNS)[]) {
    files[`${table}.csv`] = [strToU8(`\uFEFF${toCsv(CSV_COLUMNS[table], rows[table])}`), { mtime }];
  }
  return zipSync(files, { level: 6 });
}
