/**
 * `npx tsx scripts/experiment-blinks.ts [--json] [--fixtures]`: prints the bench's "Blinks" section
 * (scripts/support/accuracy/blinks.ts) from the recorded clips in /tmp/research (clip-<id>.json, made
 * by scripts/record-research.ts) and the labels in test/validation/labels.
 * --json also prints the section's JSON; --fixtures rewrites test/fixtures/research/eyes-<id>.json
 * (per-frame eyesClosed, 3 decimals, null without a face) that the unit tests read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResearchItem } from '../lib/analysis/research';
import { blinkSection, eyesOf } from './support/accuracy/blinks';
import { clipLabels } from './support/accuracy/research-data';
import { CLIPS } from './support/clips';
import { ROOT } from './support/paths';

const DIR = process.env.SELFVIEW_RESEARCH ?? '/tmp/research';
const clips = CLIPS.map((c) => ({
  id: c.id, fps: c.fps,
  frames: JSON.parse(readFileSync(resolve(DIR, `clip-${c.id}.json`), 'utf8')) as ResearchItem[],
  labels: clipLabels(c.id),
}));

if (process.argv.includes('--fixtures')) {
  for (const c of clips) {
    const eyes = eyesOf(c).map((e) => (e === null ? null : Math.round(e * 1000) / 1000));
    writeFileSync(resolve(ROOT, 'test/fixtures/research', `eyes-${c.id}.json`), `${JSON.stringify(eyes)}\n`);
  }
}
const out = blinkSection(clips);
console.log(out.markdown);
if (process.argv.includes('--json')) console.log(JSON.stringify(out.json, null, 1));
