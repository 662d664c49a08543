/**
 * `npm run bench:history`: the history page with 1,000 sessions in the built extension.
 *
 * Data: 1,000 ended sessions (5–60 min, one a day, with summaries) of which 50 also have 30 min of
 * stored seconds (90,000 seconds, made from a real recorded clip's aggregates) — all 1,000 with
 * seconds would be ~2M rows, minutes of seeding for no extra insight into the page.
 * Reports: list render time (navigation start → first rows on screen, median of 5 loads), JS heap
 * after render (CDP Performance.getMetrics JSHeapUsedSize), export ("Everything" as JSON: click →
 * download) and import (that file into an emptied database: file chosen → "added" shown), and bytes
 * per hour of session: navigator.storage.estimate() before/after writing 3,600 seconds (3 times),
 * and the JSON export size of those hours. Measures and reports; never fails on a slow machine.
 */
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordedSeconds } from '../lib/db/test-support';
import { launchWithExtension } from './support/browser';
import { clearDB, makeSessions, seedDB } from './support/history-seed';
import { ROOT, requireBuilt } from './support/paths';

const SESSIONS = 1000;
const WITH_SECONDS = 50;
const SECONDS_EACH = 1800;
const TMP = resolve(ROOT, 'bench/tmp');
mkdirSync(TMP, { recursive: true });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;

requireBuilt();
const b = await launchWithExtension();
try {
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
  for (let h = 0; h < 3; h++) {
    const [s] = makeSessions(1, { seed: 100 + h, start: Date.UTC(2026, 5, 1 + h), everyMs: day, idPrefix: `hour${h}` });
    s!.site = 'bench-hour';
    const before = await usage();
    await seedDB(page, [s!], [{ sessionId: s!.id, startedAt: s!.startedAt, count: 3600 }], clip);
    hours.push((await usage()) - before);
  }
  const overallPerHour = Math.round(((await usage()) - first) / 3);
  // JSON size per hour: export the three hour-long sessions.
  await open('sessions');
  await page.selectOption('[data-testid=filter-site]', 'bench-hour');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=session-row]').length === 3);
  await page.check('[data-testid=select-all]');
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-selected]')]);
  const hourPath = resolve(TMP, 'bench-history-hours.json');
  await dl2.saveAs(hourPath);
  const jsonPerHour = statSync(hourPath).size / 3;
  await clearDB(page);

  const sessions = makeSessions(SESSIONS, { seed: 42, start: Date.UTC(2024, 0, 1), everyMs: day });
  const withSeconds = sessions.filter((_, i) => i % (SESSIONS / WITH_SECONDS) === 0).map((s) => ({ sessionId: s.id, startedAt: s.startedAt, count: SECONDS_EACH }));
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

  // Export everything (1,000 sessions, 90,000 seconds) as JSON.
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

  const result = {
    sessions: SESSIONS, sessionsWithSeconds: WITH_SECONDS, secondsEach: SECONDS_EACH, seedMs: round(seedMs, 0),
    listRenderMs: { median: round(median(renders)), all: renders.map((v) => round(v)) },
    jsHeapUsedMB: round(heap / 1e6, 2), domNodes,
    exportAllMs: round(exportMs, 0), exportBytes, importMs: round(importMs, 0), imported,
    storageBytesPerHour: { median: median(hours), overall: overallPerHour, all: hours }, jsonBytesPerHour: Math.round(jsonPerHour),
  };
  console.log(JSON.stringify(result));
  const mb = (v: number) => `${round(v / 1e6, 2)} MB`;
  console.table({
    'list render (nav → rows), median of 5': `${result.listRenderMs.median} ms`,
    'JS heap after render': `${result.jsHeapUsedMB} MB`,
    'export everything (JSON)': `${result.exportAllMs} ms, ${mb(exportBytes)}`,
    'import into empty DB': `${result.importMs} ms`,
    'IndexedDB per hour of session': mb(result.storageBytesPerHour.median),
    'JSON export per hour of session': mb(result.jsonBytesPerHour),
  });
  await cdp.detach();
} finally {
  await b.close();
}
