/**
 * The history page with many sessions in the built extension (used by `bench:history` and `bench:perf`).
 *
 * Data: `sessions` ended sessions (5–60 min, one a day, with summaries) of which `withSeconds` also
 * have `secondsEach` stored seconds (made from a real recorded clip's aggregates) — all of them with
 * seconds would be millions of rows, minutes of seeding for no extra insight into the page.
 * Reports: list render time (navigation start → first rows on screen, median of 5 loads), JS heap
 * after render (CDP Performance.getMetrics JSHeapUsedSize), export ("Everything" as JSON: click →
 * download) and import (that file into an emptied database: file chosen → "added" shown), and bytes
 * per hour of session: navigator.storage.estimate() before/after writing 3,600 seconds (`hours`
 * times), and the JSON export size of those hours. Measures and reports; never fails on a slow machine.
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordedSeconds } from '../../../lib/db/test-support';
import type { ExtensionBrowser } from '../browser';
import { clearDB, makeSessions, seedDB } from '../history-seed';
import { ROOT } from '../paths';
import { median, round } from './stats';

/** How much history to make. */
export interface HistoryOptions {
  sessions: number;
  withSeconds: number;
  secondsEach: number;
  /** Hour-long sessions written to measure bytes per hour (default 3). */
  hours?: number;
}

/** What `bench:history` reports. */
export interface HistoryResult {
  sessions: number;
  sessionsWithSeconds: number;
  secondsEach: number;
  seedMs: number;
  listRenderMs: { median: number; all: number[] };
  jsHeapUsedMB: number;
  domNodes: number;
  exportAllMs: number;
  exportBytes: number;
  importMs: number;
  imported: string | null;
  storageBytesPerHour: { median: number; overall: number; all: number[] };
  jsonBytesPerHour: number;
}

const TMP = resolve(ROOT, 'bench/tmp');

/** Runs the history measurements in `b` (its history tables are emptied on the way). */
export async function runHistoryBench(b: ExtensionBrowser, o: HistoryOptions): Promise<HistoryResult> {
  const hoursToWrite = o.hours ?? 3;
  mkdirSync(TMP, { recursive: true });
  for (const p of b.context.pages()) if (p.url().endsWith('/onboarding.html')) await p.close();
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  page.setDefaultTimeout(120_000);
  const open = async (tab: string) => {
    await page.goto('about:blank');
    await page.goto(b.url(`history.html#${tab}`));
    await page.waitForSelector('[data-testid=history][data-ready=true]');
  };
  await open('sessions');

  const clip = recordedSeconds();
  const day = 86_400_000;
  // Bytes per hour, first (on a near-empty database, so no compaction of earlier deletes blurs the
  // estimate): 3,600 real-looking seconds at a time, storage estimate before and after.
  const hours: number[] = [];
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const first = await usage();
  for (let h = 0; h < hoursToWrite; h++) {
    const [s] = makeSessions(1, { seed: 100 + h, start: Date.UTC(2026, 5, 1 + h), everyMs: day, idPrefix: `hour${h}` });
    s!.site = 'bench-hour';
    const before = await usage();
    await seedDB(page, [s!], [{ sessionId: s!.id, startedAt: s!.startedAt, count: 3600 }], clip);
    hours.push((await usage()) - before);
  }
  const overallPerHour = Math.round(((await usage()) - first) / hoursToWrite);
  // JSON size per hour: export the hour-long sessions.
  await open('sessions');
  await page.selectOption('[data-testid=filter-site]', 'bench-hour');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=session-row]').length === n, hoursToWrite);
  await page.check('[data-testid=select-all]');
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-selected]')]);
  const hourPath = resolve(TMP, 'bench-history-hours.json');
  await dl2.saveAs(hourPath);
  const jsonPerHour = statSync(hourPath).size / hoursToWrite;
  await clearDB(page);

  const sessions = makeSessions(o.sessions, { seed: 42, start: Date.UTC(2024, 0, 1), everyMs: day });
  const every = Math.max(1, Math.floor(o.sessions / o.withSeconds));
  const withSeconds = sessions.filter((_, i) => i % every === 0).slice(0, o.withSeconds).map((s) => ({ sessionId: s.id, startedAt: s.startedAt, count: o.secondsEach }));
  const seedMs = await seedDB(page, sessions, withSeconds, clip);

  // Render: navigation start → the list's first rows (a performance mark the list sets), 5 loads after one warm-up.
  const renders: number[] = [];
  for (let i = 0; i <= 5; i++) {
    await open('sessions');
    await page.waitForSelector('[data-testid=session-row]');
    const ms = await page.evaluate(() => performance.getEntriesByName('history-list-rendered')[0]?.startTime ?? NaN);
    if (i > 0) renders.push(ms);
  }
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
  const domNodes = metrics.find((m) => m.name === 'Nodes')?.value ?? NaN;
  await cdp.detach();

  // Export everything as JSON.
  await open('transfer');
  await page.check('[data-testid=scope-all]');
  const exportPath = resolve(TMP, 'bench-history-export.json');
  const t0 = performance.now();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  await dl.saveAs(exportPath);
  const exportMs = performance.now() - t0;
  const exportBytes = statSync(exportPath).size;

  // Import it into an emptied database.
  await clearDB(page);
  await open('transfer');
  const t1 = performance.now();
  await page.setInputFiles('[data-testid=import-file]', exportPath);
  await page.waitForFunction(() => /calls added/.test(document.querySelector('[data-testid=import-message]')?.textContent ?? ''), null, { polling: 50 });
  const importMs = performance.now() - t1;
  const imported = await page.textContent('[data-testid=import-message]');
  await page.close();

  return {
    sessions: o.sessions, sessionsWithSeconds: withSeconds.length, secondsEach: o.secondsEach, seedMs: round(seedMs, 0),
    listRenderMs: { median: round(median(renders)), all: renders.map((v) => round(v)) },
    jsHeapUsedMB: round(heap / 1e6, 2), domNodes,
    exportAllMs: round(exportMs, 0), exportBytes, importMs: round(importMs, 0), imported,
    storageBytesPerHour: { median: median(hours), overall: overallPerHour, all: hours }, jsonBytesPerHour: Math.round(jsonPerHour),
  };
}
