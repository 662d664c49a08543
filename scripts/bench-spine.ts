/**
 * `npm run bench:spine`: per-frame time of the offscreen engine vs a bare MediaPipe detect() loop
 * on the same frames, in one browser run; model load time; Start → first cue is measured by the E2E
 * test. Prints a JSON summary. Usage: npm run bench:spine -- [frames=60] [rounds=2] [longest frame side=480; calls use 320]
 */
import { resolve } from 'node:path';
import { launchWithExtension } from './support/browser';
import { FACES, requireBuilt } from './support/paths';

const [frames = 60, rounds = 2, side = 480] = process.argv.slice(2).map(Number);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const r2 = (v: number): number => Math.round(v * 100) / 100;

requireBuilt({ faces: true });
const b = await launchWithExtension();
try {
  const page = await b.context.newPage();
  await page.goto(b.url('analysis.html'));
  await page.setInputFiles('#files', [resolve(FACES, 'B/cap13_edit2.mp4')]);
  const res = await page.evaluate(([n, k, s]) => window.selfviewBench!(0, n, k, s), [frames, rounds, side] as const);
  const m = (xs: number[]): number => r2(median(xs));
  const out = {
    frames: res.frames * rounds,
    frameSide: side,
    delegate: res.delegate,
    medianMs: {
      engineInOffscreen: m(res.engine.engineMs),
      engineDetect: m(res.engine.detectMs),
      engineCueMaths: m(res.engine.cueMs),
      transfer: m(res.engine.transferMs),
      roundTrip: m(res.engine.roundTripMs),
      bareDetect: m(res.bare.detectMs),
    },
    ratio: {
      offscreenVsBare: r2(median(res.engine.engineMs) / median(res.bare.detectMs)),
      roundTripVsBare: r2(median(res.engine.roundTripMs) / median(res.bare.detectMs)),
    },
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  await b.close();
}
