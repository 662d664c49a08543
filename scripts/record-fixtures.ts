/**
 * Records the engine's observations of the shared face material into `test/fixtures/`, so the cue
 * maths can be unit-tested in Node on real model output. Commits numbers only, never pictures.
 * Usage: npm run build && npx tsx scripts/record-fixtures.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FrameObservation } from '../lib/cues/observation';
import { analyseInBrowser } from './support/analyse-files';
import { FACES, ROOT } from './support/paths';

const OUT = resolve(ROOT, 'test/fixtures');
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Rounds every number of an observation to 4 decimals (keeps fixtures small and diffs readable). */
function compact(o: FrameObservation): FrameObservation {
  return JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? r4(v) : v))) as FrameObservation;
}

const rows = readFileSync(resolve(FACES, 'labels.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const stills = rows.filter((r) => /\.(jpe?g|png)$/i.test(r[0]!)).map((r) => r[0]!);
const clips = rows.filter((r) => r[0]!.endsWith('.mp4')).map((r) => r[0]!);
mkdirSync(OUT, { recursive: true });

const images: Record<string, FrameObservation> = {};
for await (const row of analyseInBrowser(stills.map((f) => resolve(FACES, f)), { observations: true })) {
  if ('error' in row) throw new Error(`${row.path}: ${row.error}`);
  images[row.path.slice(FACES.length + 1)] = compact(row.observations![0]!.observation);
}
writeFileSync(resolve(OUT, 'stills.json'), JSON.stringify(images, null, 0).replace(/,"(A|C)\//g, ',\n"$1/') + '\n');
console.log(`stills: ${Object.keys(images).length}`);

for (const clip of clips) {
  const frames: { ts: number; observation: FrameObservation }[] = [];
  for await (const row of analyseInBrowser([resolve(FACES, clip)], { observations: true })) {
    if ('error' in row) throw new Error(`${clip}: ${row.error}`);
    for (const o of row.observations ?? []) frames.push({ ts: o.ts, observation: compact(o.observation) });
  }
  const name = clip.replace(/^B\//, '').replace(/\.mp4$/, '');
  writeFileSync(resolve(OUT, `clip-${name}.json`), `[\n${frames.map((f) => JSON.stringify(f)).join(',\n')}\n]\n`);
  console.log(`${clip}: ${frames.length} frames`);
}
