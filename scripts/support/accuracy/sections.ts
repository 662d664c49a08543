/**
 * The research half of `npm run bench:accuracy`: records (or reuses, `--research DIR`) the research
 * numbers of the London photos and the validation clips, runs every section on them, and gathers the
 * per-cue figures the product quotes (lib/cues/measured.json, read by lib/cues/reliability).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LabelRow } from '../../../lib/analysis/groups-labels';
import type { CueName } from '../../../lib/cues/types';
import { CLIPS } from '../clips';
import { recordResearch } from './record';
import { loadResearch } from './research-data';
import { smileCalibratedSection } from './smile-calibrated';
import { fusionRows, smileUncalibratedSection } from './smile-uncalibrated';
import { measuredFigures, type Figure } from './measured';
import { blinkSection } from './blinks';
import { cueTruthSection } from './cue-truth';
import { cueTruthInput } from './cue-truth-input';
import { truthFigures } from './truth-figures';

/** What the photo half of the bench hands over. */
export interface ResearchInput {
  short: boolean;
  labels: readonly LabelRow[];
  pairs: readonly { person: string; neutral: LabelRow; smiling: LabelRow }[];
  log: (s: string) => void;
  reps: number;
  seed: number;
  /** face-api's smiling probability of a photo in this run (null: no face). */
  faceApiSmile: (file: string) => number | null;
  /** Selfview's cues of a photo in this run (the product path), for the photo-level figures. */
  selfviewCues: (file: string) => Record<CueName, number | null> | null;
  /** Photo-level figures the bench already measured (accuracy at the shipped line), by key. */
  photoFigures?: Partial<Record<string, Figure>>;
}

const argDir = (): string | null => {
  const i = process.argv.indexOf('--research');
  return i > 0 ? resolve(process.argv[i + 1]!) : null;
};

/** Runs the research sections; returns their JSON, markdown and the product's figures. */
export async function researchSections(input: ResearchInput) {
  const given = argDir();
  const dir = given ?? join(tmpdir(), `selfview-research${input.short ? '-short' : ''}`);
  const recorded = existsSync(join(dir, 'london.json')) && CLIPS.every((c) => existsSync(join(dir, `clip-${c.id}.json`)));
  if (!given || !recorded) {
    input.log(`research: recording into ${dir}`);
    await recordResearch(dir, input.pairs.flatMap((p) => [p.neutral.file, p.smiling.file]), { log: input.log });
  } else input.log(`research: reusing ${dir}`);
  const data = loadResearch(dir, input.labels);
  const persons = data.persons.filter((p) => input.pairs.some((q) => q.person === p.person));

  const calibrated = smileCalibratedSection(persons, data.clips, { reps: input.reps, seed: input.seed });
  const files = new Map(input.pairs.map((p) => [p.person, { neutral: p.neutral.file, smiling: p.smiling.file }]));
  const uncalibrated = smileUncalibratedSection(fusionRows(persons, files, input.faceApiSmile), data.clips);

  const blinks = blinkSection(data.clips);
  const sizeAt = (cm: number): number | null => input.selfviewCues(`A/webmorph_lisa_zoom/${cm}cm.jpg`)?.faceSize ?? null;
  const truth = cueTruthSection({ ...cueTruthInput(data.london, data.clips, input.labels, sizeAt), reps: input.reps, seed: input.seed });

  const more = truthFigures(truth.json, blinks.json);
  const measured = measuredFigures({ calibrated: calibrated.json, photo: input.photoFigures ?? {}, more });
  const markdown = ['## Cues against truth (research recordings)', '', calibrated.markdown, uncalibrated.markdown, blinks.markdown, truth.markdown].join('\n');
  return { json: { calibrated: calibrated.json, uncalibrated: uncalibrated.json, blinks: blinks.json, truth: truth.json }, glance: measured.markdown, markdown, measured: measured.file };
}
