/**
 * `npm run bench:perf [-- --short]` (issue 6): Selfview's performance in one run of headless
 * Chromium with the built extension and a fake camera playing a talking clip —
 * per-frame cost inside the offscreen document against a bare detect() loop, sustained frames per
 * second at the maximum call rate, browser CPU per minute of call analysing vs paused, offscreen
 * memory over a call, model load cold and warm, popup paint, history with many sessions, and the
 * peer stacks' time per image. Writes bench/results/perf.{json,md} (short: perf-short.*) and prints
 * the table. It measures and reports; goals are marked met / not met, never a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { y4mFromVideo } from '../test/support/fake-camera';
import { browserCpuMs } from '../test/support/cpu';
import { browserCdp, offscreenHeap } from '../test/support/faults-cdp';
import { launchWithExtension } from './support/browser';
import { FACES, ROOT, requireBuilt } from './support/paths';
import { callChoices, chooseCallSettings, framesBySecond, joinCall, popupControl, waitCapturing } from './support/perf/call';
import { checkGoals } from './support/perf/goals';
import { runHistoryBench } from './support/perf/history';
import { measureLoad } from './support/perf/load';
import { fastestPeer, peerTimes } from './support/perf/peers';
import { runPopupBench } from './support/perf/popup';
import { goalsTable, headlineTable, renderPerfReport, type PerfReport } from './support/perf/report';
import { dropFirst, runSpine, SPINE_CLIP, summariseSpine } from './support/perf/spine';
import { framesPerSecond, median, perMinute, ratio, round } from './support/perf/stats';
import { measureStorage } from './support/perf/storage-probe';

const SHORT = process.argv.includes('--short');
const FRAME_SIDE = 320;
const CFG = SHORT
  ? { frames: 20, rounds: 1, warmLoads: 1, maxWarmS: 5, maxWindowS: 20, cpuWarmS: 15, memoryAt: [1], pausedS: 20, storageBatches: 10, popupOpens: 5, history: { sessions: 100, withSeconds: 5, secondsEach: 1800, hours: 1 }, peerPhotos: 5 }
  : { frames: 60, rounds: 2, warmLoads: 3, maxWarmS: 10, maxWindowS: 60, cpuWarmS: 15, memoryAt: [1, 10], pausedS: 60, storageBatches: 30, popupOpens: 20, history: { sessions: 1000, withSeconds: 50, secondsEach: 1800, hours: 3 }, peerPhotos: 10 };
const NOTES = SHORT
  ? [
    'Short mode (CI): 20 frames per loop instead of 120; 1 warm model load instead of 3; maximum rate over 20 s instead of 60; ' +
      'memory after 1 minute of call only (full: 1 and 10); paused CPU over 20 s instead of 60; 10 storage writes instead of 30; popup 5 opens instead of 20; ' +
      'history with 100 sessions (5 with 30 min of seconds) and 1 hour for bytes per hour, instead of 1,000 (50) and 3 hours.',
  ]
  : [];

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const log = (s: string): void => console.error(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

requireBuilt({ faces: true });
const camera = y4mFromVideo(SPINE_CLIP, 2, 8);
const b = await launchWithExtension({ camera });
const chromium = `Chromium ${b.context.browser()?.version() ?? ''}`.trim();
let load, spine, maxRate, cpu, storage;
const memory: PerfReport['memory'] = [];
try {
  log('model load, cold then warm');
  load = await measureLoad(b, CFG.warmLoads);

  log(`per-frame: ${CFG.frames} frames × ${CFG.rounds} rounds (+1 warm-up round) through the engine and a bare detect() loop`);
  const run = await runSpine(b, { frames: CFG.frames, rounds: CFG.rounds + 1, side: FRAME_SIDE });
  spine = { raw: dropFirst(run.raw, CFG.frames), summary: summariseSpine(dropFirst(run.raw, CFG.frames), { frames: CFG.frames, rounds: CFG.rounds, side: FRAME_SIDE }) };

  // The defaults and the highest choices, as the settings page offers them.
  const { defaults, max } = await callChoices(b);
  const call = await joinCall(b);
  const cdp = await browserCdp(b);
  try {
    log(`maximum rate: call capture at ${max.callFps} frames/s with a budget of ${max.cpuBudget * 100}% of a core, ${CFG.maxWindowS} s`);
    await chooseCallSettings(b, max.callFps, max.cpuBudget);
    const maxId = (await popupControl(call, 'start'))!;
    await waitCapturing(call, true);
    await sleep(CFG.maxWarmS * 1000);
    const lastT = async () => Math.max(-1, ...(await framesBySecond(call, maxId)).keys());
    const from = await lastT();
    // The popup's rate line says why the rate is what it is; read it once a second through the window.
    const popup = await b.context.newPage();
    await popup.goto(b.url(`popup.html?tab=${call.tabId}`));
    const reasons: string[] = [];
    for (let i = 0; i < CFG.maxWindowS; i++) {
      const line = popup.locator('[data-testid=rate]');
      if (await line.count()) reasons.push((await line.getAttribute('data-reason')) ?? '?');
      await sleep(1000);
    }
    await popup.close();
    await sleep(2500); // the last seconds of the window are written at most 2 s later
    const bySecond = await framesBySecond(call, maxId);
    const upto = Math.min(await lastT(), from + CFG.maxWindowS);
    const window = [...bySecond].filter(([t]) => t > from && t <= upto).sort((x, y) => x[0] - y[0]).map(([, n]) => n);
    maxRate = {
      what: `call capture (the local test call page) at the maximum call rate, ${max.callFps} frames/s, CPU budget ${max.cpuBudget * 100}% of a core, governor on`,
      windowS: upto - from, fps: round(framesPerSecond(bySecond, from, upto), 2), framesPerSecond: window, reasons,
    };
    await popupControl(call, 'stop');
    await waitCapturing(call, false);

    const settings = `default settings: ${defaults.callFps} frames/s, CPU budget ${Math.round(defaults.cpuBudget * 100)}% of a core, governor on`;
    log(`CPU and memory: ${settings}; memory after ${CFG.memoryAt.join(' and ')} min`);
    await chooseCallSettings(b, defaults.callFps, defaults.cpuBudget);
    await popupControl(call, 'start');
    await waitCapturing(call, true);
    const t0 = Date.now();
    await sleep(CFG.cpuWarmS * 1000);
    // CPU while analysing: from the warm-up to each memory reading, leaving out the forced GCs.
    let cpuMs = 0, wallMs = 0;
    for (const minute of CFG.memoryAt) {
      const c0 = browserCpuMs(b.profile), w0 = Date.now();
      await sleep(t0 + minute * 60_000 - Date.now());
      cpuMs += browserCpuMs(b.profile) - c0;
      wallMs += Date.now() - w0;
      const heap = await offscreenHeap(cdp, b);
      memory.push({ minute, heapMB: round(heap / 1e6, 2) });
      log(`offscreen heap after ${minute} min: ${round(heap / 1e6, 2)} MB`);
    }
    await popupControl(call, 'pause');
    await waitCapturing(call, false);
    await sleep(3000);
    const p0 = browserCpuMs(b.profile), pw0 = Date.now();
    await sleep(CFG.pausedS * 1000);
    const pausedMs = browserCpuMs(b.profile) - p0, pausedWall = Date.now() - pw0;
    const analysing = perMinute(cpuMs, wallMs), paused = perMinute(pausedMs, pausedWall);
    cpu = {
      settings,
      analysing: { windowS: round(wallMs / 1000, 0), perMinuteMs: round(analysing, 0) },
      paused: { windowS: round(pausedWall / 1000, 0), perMinuteMs: round(paused, 0) },
      ratio: round(ratio(analysing, paused), 2),
      selfviewCoreShare: round((analysing - paused) / 60_000, 3),
    };

    log('storage: the SampleWriter in the offscreen document, during the call');
    await popupControl(call, 'resume');
    await waitCapturing(call, true);
    await sleep(3000);
    storage = await measureStorage(cdp, b, CFG.storageBatches, defaults.callFps);
    await popupControl(call, 'stop');
  } finally {
    await cdp.detach().catch(() => undefined);
    await call.close();
  }
} finally {
  await b.close();
}

log(`popup (${CFG.popupOpens} opens), history (${CFG.history.sessions} sessions), peers, in a new browser without a camera`);
const b2 = await launchWithExtension();
let popup, history, peers;
try {
  popup = await runPopupBench(b2, CFG.popupOpens);
  history = await runHistoryBench(b2, CFG.history);
  peers = await peerTimes(b2.context, CFG.peerPhotos);
} finally {
  await b2.close();
}

// Per frame: transfer + time in the offscreen document for each frame, plus storage amortised per frame.
const e = spine.raw.engine;
const inOffscreen = median(e.engineMs.map((v, i) => v + e.transferMs[i]!));
const total = inOffscreen + storage.perFrameMs;
const bare = median(spine.raw.bare.detectMs);
const s = spine.summary;
const report: PerfReport = {
  mode: SHORT ? 'short' : 'full',
  startedAt: new Date(started).toISOString().replace(/\.\d+Z$/, ' UTC').replace('T', ' '),
  durationS: Math.round((Date.now() - started) / 1000),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown CPU', chromium, delegate: s.delegate, loadAverage: { start: round(loadAtStart, 2), end: round(loadavg()[0]!, 2) } },
  notes: NOTES,
  perFrame: {
    frames: s.frames, frameSide: FRAME_SIDE, clip: relative(FACES, SPINE_CLIP),
    ms: {
      transfer: s.medianMs.transfer, detect: s.medianMs.engineDetect, cueMaths: s.medianMs.engineCueMaths, engineInOffscreen: s.medianMs.engineInOffscreen,
      storage: storage.perFrameMs, total: round(total, 2), roundTrip: s.medianMs.roundTrip, bareDetect: s.medianMs.bareDetect,
    },
    overhead: { total: round(ratio(total, bare), 2), ...s.ratio },
    storage,
  },
  maxRate, cpu, memory, load, popup, history, peers,
  goals: checkGoals({ overhead: ratio(total, bare), maxRateFps: maxRate.fps, cores: availableParallelism(), perFrameMs: total, fastestPeer: fastestPeer(peers) }),
};

const OUT = resolve(ROOT, 'bench/results');
mkdirSync(OUT, { recursive: true });
const name = SHORT ? 'perf-short' : 'perf';
writeFileSync(resolve(OUT, `${name}.json`), `${JSON.stringify(report, null, 1)}\n`);
writeFileSync(resolve(OUT, `${name}.md`), renderPerfReport(report));
console.log(`\n${goalsTable(report.goals)}\n\n${headlineTable(report)}\n`);
for (const n of NOTES) console.log(n);
log(`wrote bench/results/${name}.{json,md} in ${report.durationS} s`);
