/** The performance report: its shape (perf.json) and its Markdown (perf.md, also printed). */
import type { GoalResult } from './goals';
import { metText } from './goals';
import type { HistoryResult } from './history';
import type { LoadResult } from './load';
import type { PeerTimes } from './peers';
import type { PopupResult } from './popup';
import type { StorageResult } from './storage-probe';
import { tally } from './stats';
import { bytes, markdownTable, ms } from './table';

/** Everything one `bench:perf` run measured. */
export interface PerfReport {
  mode: 'full' | 'short';
  startedAt: string;
  durationS: number;
  machine: { cores: number; cpu: string; chromium: string; delegate: string; /** 1-minute load averages at the start and the end of the run. */ loadAverage: { start: number; end: number } };
  /** What this mode does differently (short mode says what it left out). */
  notes: string[];
  perFrame: {
    frames: number;
    frameSide: number;
    clip: string;
    /** Medians (ms); `total` = transfer + time in the offscreen document + storage per frame. */
    ms: { transfer: number; detect: number; cueMaths: number; engineInOffscreen: number; storage: number; total: number; roundTrip: number; bareDetect: number };
    overhead: { total: number; offscreenVsBare: number; roundTripVsBare: number };
    storage: StorageResult;
  };
  maxRate: { what: string; windowS: number; fps: number; framesPerSecond: number[]; reasons: string[] };
  cpu: { settings: string; analysing: { windowS: number; perMinuteMs: number }; paused: { windowS: number; perMinuteMs: number }; ratio: number; selfviewCoreShare: number };
  memory: { minute: number; heapMB: number }[];
  load: LoadResult;
  popup: PopupResult;
  history: HistoryResult;
  peers: PeerTimes;
  goals: GoalResult[];
}

const x = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'not measured');

/** The headline table: one row per measure (what `bench:perf` prints). */
export function headlineTable(r: PerfReport): string {
  const f = r.perFrame;
  const n = (v: number) => v.toLocaleString('en');
  return markdownTable(['measure', 'value', 'how'], [
    ['per frame: transfer to the offscreen document', ms(f.ms.transfer), `median of ${f.frames} frames, ${f.frameSide} px, ${r.machine.delegate}`],
    ['per frame: detect()', ms(f.ms.detect), 'median, inside the offscreen document'],
    ['per frame: cue maths', ms(f.ms.cueMaths), 'median'],
    ['per frame: storage', ms(f.ms.storage), `SampleWriter ${ms(f.storage.perSecondMs)} per stored second ÷ ${f.storage.atFps} frames/s`],
    ['per frame: total (transfer + offscreen + storage)', ms(f.ms.total), `offscreen document alone ${ms(f.ms.engineInOffscreen)}, page round trip ${ms(f.ms.roundTrip)}`],
    ['same frames, bare detect() loop', ms(f.ms.bareDetect), 'median, same browser and run'],
    ['overhead (total ÷ bare detect)', x(f.overhead.total), `offscreen alone ${x(f.overhead.offscreenVsBare)}, round trip ${x(f.overhead.roundTripVsBare)}`],
    ['sustained frames/s at maximum rate', Number.isFinite(r.maxRate.fps) ? `${Math.round(r.maxRate.fps * 10) / 10} fps` : 'not measured', `${r.maxRate.what}; ${r.maxRate.windowS} s; governor: ${tally(r.maxRate.reasons, ' s') || 'no rate read'}`],
    ['browser CPU per minute of call, analysing', ms(r.cpu.analysing.perMinuteMs), `${r.cpu.settings}; over ${r.cpu.analysing.windowS} s`],
    ['browser CPU per minute of call, paused', ms(r.cpu.paused.perMinuteMs), `over ${r.cpu.paused.windowS} s`],
    ['CPU analysing ÷ paused', x(r.cpu.ratio), `Selfview ≈ ${Math.round(r.cpu.selfviewCoreShare * 1000) / 10}% of one core`],
    ...r.memory.map((m) => [`offscreen JS heap after ${m.minute} min of call`, `${m.heapMB} MB`, 'after GC (CDP, offscreen target)']),
    ['model load, cold (first engine start)', ms(r.load.cold.engineMs), `engine host's load time; first photo back ${ms(r.load.cold.firstPhotoMs)}`],
    ['model load, warm (engine closed and restarted)', ms(r.load.warmMedian.engineMs), `median of ${r.load.warm.length}; first photo back ${ms(r.load.warmMedian.firstPhotoMs)}`],
    ['popup first contentful paint', ms(r.popup.firstContentfulPaintMs.median), `median of ${r.popup.opens} opens (p90 ${ms(r.popup.firstContentfulPaintMs.p90)})`],
    [`history page, ${n(r.history.sessions)} sessions`, ms(r.history.listRenderMs.median), `navigation → first rows, median of 5; heap ${r.history.jsHeapUsedMB} MB`],
    [`export of ${n(r.history.sessions)} sessions (JSON)`, ms(r.history.exportAllMs), `${bytes(r.history.exportBytes)}; ${n(r.history.sessionsWithSeconds)} with ${n(r.history.secondsEach)} stored seconds`],
    ['bytes stored per hour of call', bytes(r.history.storageBytesPerHour.median), `IndexedDB (storage estimate); JSON export ${bytes(r.history.jsonBytesPerHour)}`],
    ...r.peers.stacks.map((p) => [`peer ${p.stack}: time per image`, ms(p.medianMs), `${p.backend}, median of ${p.photos} photos; ${r.peers.source}`]),
  ]);
}

/** The goals with their verdicts. */
export function goalsTable(goals: readonly GoalResult[]): string {
  return markdownTable(['goal', 'target', 'measured', 'verdict'], goals.map((g) => [g.goal, g.target, g.measured, metText(g.met)]));
}

/** The whole Markdown report. */
export function renderPerfReport(r: PerfReport): string {
  const sv = r.peers.selfviewPerPhoto;
  return [
    `# Selfview performance (${r.mode} run)`,
    '',
    `Generated by \`npm run bench:perf${r.mode === 'short' ? ' -- --short' : ''}\` on ${r.startedAt} in ${r.durationS} s: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.chromium}, headless, no GPU; 1-minute load average ${r.machine.loadAverage.start} at the start, ${r.machine.loadAverage.end} at the end. ` +
      'It measures and reports; it never fails on a slow machine. The machine is shared, so compare ratios within a run rather than absolutes across runs.',
    ...(r.notes.length ? ['', ...r.notes.map((n) => `- ${n}`)] : []),
    '',
    '## Goals',
    '',
    goalsTable(r.goals),
    '',
    '## Measures',
    '',
    headlineTable(r),
    '',
    '## How',
    '',
    `- Per frame: ${r.perFrame.frames} frames of ${r.perFrame.clip} at ${r.perFrame.frameSide} px (the call size) through the offscreen engine and, in the same page and run, a bare MediaPipe \`detect()\` loop (\`bench:spine\`'s comparison, after one warm-up round). ` +
      `Storage: the extension's SampleWriter run inside the offscreen document during the call, ${r.perFrame.storage.batches} writes of ${r.perFrame.storage.secondsPerBatch} seconds (median ${ms(r.perFrame.storage.batchMs.median)}, p90 ${ms(r.perFrame.storage.batchMs.p90)} per write), amortised over ${r.perFrame.storage.atFps} frames/s (the default call rate).`,
    `- Maximum rate: ${r.maxRate.what}. Frames analysed per stored second: ${r.maxRate.framesPerSecond.join(' ')}; the popup's rate reason, read once a second: ${tally(r.maxRate.reasons, ' s') || 'none read'} (machineBusy: the governor backed off because detection got slower or timers fired late, i.e. other work on the machine). ` +
      `The rate cannot exceed the highest call rate Settings offers, and the fake camera delivers 15 frames/s, so reaching it means Selfview kept up; the headroom above it is not measured (at ${ms(r.perFrame.ms.total)} a frame, one core would fit about ${Math.floor(1000 / r.perFrame.ms.total)} frames/s).`,
    `- CPU: user + system time of every process of the browser (from /proc), the local test call page with a loopback WebRTC call open throughout; ${r.cpu.settings}. Paused: Selfview's stream closed, the call going on.`,
    '- Memory: the offscreen document\'s JS heap after a forced GC (HeapProfiler.collectGarbage, Runtime.getHeapUsage) while the call is analysed at the default settings.',
    '- Model load: the engine host\'s own measure of loading (delegate, WASM runtime, model, graph) as it reports it to a new frame port; "first photo back" is the analysis page asking for one photo, including making the offscreen document.',
    `- Peers: ${r.peers.source}. Their time per image includes decoding and scaling a photo to ≤ 1280 px${sv ? `; Selfview's own time per photo in that run was ${ms(sv.medianMs)} (IMAGE mode, whole photo)` : ''}. A video frame is 320 px and tracked between frames, so per-frame and per-photo times are not the same task.`,
    '',
  ].join('\n');
}
