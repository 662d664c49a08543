/**
 * `npm run bench:spine`: per-frame time of the offscreen engine vs a bare MediaPipe detect() loop
 * on the same frames, in one browser run; model load time; Start → first cue is measured by the E2E
 * test. Prints a JSON summary. Usage: npm run bench:spine -- [frames=60] [rounds=2] [longest frame side=480; calls use 320]
 * (`npm run bench:perf` runs the same comparison as part of its report: scripts/support/perf/spine.ts.)
 */
import { launchWithExtension } from './support/browser';
import { requireBuilt } from './support/paths';
import { runSpine } from './support/perf/spine';

const [frames = 60, rounds = 2, side = 480] = process.argv.slice(2).map(Number);

requireBuilt({ faces: true });
const b = await launchWithExtension();
try {
  const { summary } = await runSpine(b, { frames, rounds, side });
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await b.close();
}
