/**
 * `npx tsx scripts/experiment-cue-truth.ts [--fixtures]`: prints the accuracy bench's "Cues against
 * labelled truth" section from the recorded research numbers in /tmp/research (clips and London
 * views, from `scripts/record-research.ts --out /tmp/research`) and the rater labels. The four
 * 15–60 cm photos are recorded here once (built extension, Chromium) into /tmp/research/face-size.json.
 * With --fixtures it also writes the compact unit-test fixtures to test/fixtures/research/.
 * Writes the section's JSON to /tmp/cue-truth-result.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { frameCues } from '../lib/cues/frame-cues';
import { ROLL_ANGLES } from '../lib/analysis/augment';
import { parseLabels } from '../lib/analysis/groups-labels';
import { researchFrame } from '../lib/analysis/research-frames';
import type { ResearchItem } from '../lib/analysis/research';
import { packClip } from '../lib/analysis/second-reading';
import { cueTruthSection } from './support/accuracy/cue-truth';
import { cueTruthInput } from './support/accuracy/cue-truth-input';
import { loadResearch } from './support/accuracy/research-data';
import { FACES, ROOT } from './support/paths';
import { openResearch } from './support/research';

const RESEARCH = '/tmp/research';
const FIXTURES = resolve(ROOT, 'test/fixtures/research');
/** london.json holds 8 calibration and 4 test views before the roll views (lib/analysis/augment). */
const FIRST_ROLL_VIEW = 12;
const ROTATIONS = ROLL_ANGLES.filter((a) => a !== 0);
const DISTANCES = [15, 30, 45, 60];
const read = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;
const cuesOf = (item: ResearchItem | undefined) => (item ? frameCues(researchFrame(item)).cues : null);
const r = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;

const labels = parseLabels(readFileSync(resolve(FACES, 'labels.tsv'), 'utf8'));
const data = loadResearch(RESEARCH, labels);
const london = data.london;
const studio = labels.filter((l) => l.file.startsWith('A/london/') && /\.jpe?g$/i.test(l.file));
const missing = studio.filter((l) => !london[l.file]);
if (missing.length) throw new Error(`london.json lacks ${missing.length} photos, e.g. ${missing[0]!.file}`);

// --- Face size (recorded once) ----------------------------------------------------------------------
const sizeCache = resolve(RESEARCH, 'face-size.json');
if (!existsSync(sizeCache)) {
  const paths = DISTANCES.map((d) => resolve(FACES, `A/webmorph_lisa_zoom/${d}cm.jpg`));
  const session = await openResearch(paths);
  try {
    const out: Record<string, ResearchItem> = {};
    for (const [i, p] of paths.entries()) out[DISTANCES[i]!] = (await session.photo(p, [{}]))[0]!;
    writeFileSync(sizeCache, JSON.stringify(out));
  } finally {
    await session.close();
  }
}
const sizeItems = read<Record<string, ResearchItem>>(sizeCache);
const input = cueTruthInput(london, data.clips, labels, (d) => cuesOf(sizeItems[d])?.faceSize ?? null);
const { clips, lens, faceSize } = input;

// --- Output -----------------------------------------------------------------------------------------
const section = cueTruthSection({ ...input, seed: 20240601 });
writeFileSync('/tmp/cue-truth-result.json', JSON.stringify(section.json, null, 1));
console.log(section.markdown);

if (process.argv.includes('--fixtures')) {
  // Numbers only, keyed as the recorder keys them; demographics stay in ../shared.
  mkdirSync(FIXTURES, { recursive: true });
  for (const c of clips) writeFileSync(resolve(FIXTURES, `cues-${c.id}.json`), `${JSON.stringify(packClip(c.fps, c.frames))}\n`);
  const photos = Object.fromEntries(studio.map((l, i) => [l.file, {
    gaze: lens[i]!.gaze === null ? null : r(lens[i]!.gaze!, 3),
    roll: [0, ...ROTATIONS.map((_, j) => FIRST_ROLL_VIEW + j)].map((v) => { const q = cuesOf(london[l.file]![v]); return q ? r(q.headRoll, 2) : null; }),
  }]));
  writeFileSync(resolve(FIXTURES, 'london-truth.json'), `${JSON.stringify({ rotations: ROTATIONS, photos })}\n`);
  writeFileSync(resolve(FIXTURES, 'face-size.json'), `${JSON.stringify(Object.fromEntries(faceSize.map((s) => [s.distanceCm, s.faceSize === null ? null : r(s.faceSize, 4)])))}\n`);
  console.error(`fixtures written to ${FIXTURES}`);
}
