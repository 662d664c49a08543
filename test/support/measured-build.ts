/**
 * A copy of the built extension with more measured figures than lib/cues/measured.json holds, so
 * browser tests can show the pages as they look once the bench has measured every cue — without
 * touching the file the bench owns. The figures are spread in front of the shipped ones, so a cue
 * the shipped file measures keeps its own figure.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeasuredFigure, ReliabilityKey } from '../../lib/cues/reliability';
import { EXTENSION_DIR } from '../../scripts/support/paths';

/** Figures for every cue: most above the floor, one below it and one on too few clips, to show each state. */
export const FULL_FIGURES: Partial<Record<ReliabilityKey, MeasuredFigure>> = {
  browRaise: { metric: 'balancedAccuracy', value: 0.88, lo: 0.82, hi: 0.93, n: 60, unit: 'people', truth: 'raised vs neutral brows, posed photos' },
  browFurrow: { metric: 'auc', value: 0.78, lo: 0.7, hi: 0.86, n: 60, unit: 'people', truth: 'drawn vs neutral brows, posed photos' },
  mouthOpen: { metric: 'agreement', value: 0.93, n: 3, unit: 'clips', truth: 'two raters per second, webcam clips' },
  eyesClosed: { metric: 'accuracy', value: 0.96, lo: 0.93, hi: 0.98, n: 40, unit: 'people', truth: 'eyes open vs closed, photos' },
  gazeAtCamera: { metric: 'agreement', value: 0.87, lo: 0.83, hi: 0.91, n: 25, unit: 'clips', truth: 'two raters per second, webcam clips' },
  faceCentered: { metric: 'accuracy', value: 0.99, n: 120, unit: 'photos', truth: 'synthetic crops with a known centre' },
  faceSize: { metric: 'relativeError', value: 0.06, n: 120, unit: 'photos', truth: 'synthetic crops with a known face height' },
  headYaw: { metric: 'meanErrorDeg', value: 2.4, lo: 2.0, hi: 2.9, n: 30, unit: 'clips', truth: 'head-pose dataset angles' },
  headPitch: { metric: 'meanErrorDeg', value: 3.8, lo: 3.1, hi: 4.6, n: 30, unit: 'clips', truth: 'head-pose dataset angles' },
  headRoll: { metric: 'meanErrorDeg', value: 1.6, n: 30, unit: 'clips', truth: 'head-pose dataset angles' },
  blinkRate: { metric: 'relativeError', value: 0.06, n: 22, unit: 'clips', truth: 'hand-counted blinks, whole clips at 5 frames a second' },
};

/** Copies the built extension to a temporary directory with `figures` added to its measured table; returns the directory. */
export function buildWithFigures(figures: Partial<Record<ReliabilityKey, MeasuredFigure>> = FULL_FIGURES): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'selfview-measured-')), 'chrome-mv3');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const chunks = join(dir, 'chunks');
  let patched = 0;
  for (const name of readdirSync(chunks).filter((n) => n.endsWith('.js'))) {
    const file = join(chunks, name);
    const js = readFileSync(file, 'utf8');
    // The bundled measured.json: `floor:{accuracy:…},cues:{…}` (an object literal).
    const m = /floor:\{accuracy:[^}]*\},cues:\{/.exec(js);
    if (!m) continue;
    const at = m.index + m[0].length;
    writeFileSync(file, `${js.slice(0, at)}...${JSON.stringify(figures)},${js.slice(at)}`);
    patched++;
  }
  if (patched !== 1) throw new Error(`Expected the measured table in one chunk, found it in ${patched}.`);
  return dir;
}
