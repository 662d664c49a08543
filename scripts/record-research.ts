/**
 * Records the research numbers (all blendshapes, head matrix, shape ratios) of the shared face
 * material: London photos under the calibration/test views and roll angles, and every frame of the
 * validation clips. Writes compact JSON to `test/fixtures/research/` (numbers only, no pictures).
 * Usage: npm run build && npx tsx scripts/record-research.ts [--out DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CALIBRATION_VIEWS, ROLL_ANGLES, TEST_VIEWS } from '../lib/analysis/augment';
import type { ResearchItem } from '../lib/analysis/research';
import { openResearch } from './support/research';
import { FACES, ROOT } from './support/paths';
import { CLIPS, clipPath } from './support/clips';

const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]!) : resolve(ROOT, 'test/fixtures/research');
mkdirSync(OUT, { recursive: true });
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? r4(x) : x));

const london = readFileSync(resolve(FACES, 'labels.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]!).filter((f) => f.startsWith('A/london/') && f.endsWith('.jpg'));
const views = [...CALIBRATION_VIEWS, ...TEST_VIEWS, ...ROLL_ANGLES.filter((a) => a !== 0).map((rotate) => ({ rotate }))];
const session = await openResearch([...london.map((f) => resolve(FACES, f)), ...CLIPS.map(clipPath)]);
const ONLY_CLIPS = process.argv.includes('--clips');
try {
  if (!ONLY_CLIPS) {
  const photos: Record<string, ResearchItem[]> = {};
  for (const [i, f] of london.entries()) {
    photos[f] = await session.photo(resolve(FACES, f), views);
    if (i % 20 === 0) console.error(`${i}/${london.length}`);
  }
  writeFileSync(resolve(OUT, 'london.json'), `{\n${Object.entries(photos).map(([f, v]) => `${JSON.stringify(f)}:${json(v)}`).join(',\n')}\n}\n`);
  }
  for (const c of CLIPS) {
    const items = await session.clip(clipPath(c), c.fps);
    writeFileSync(resolve(OUT, `clip-${c.id}.json`), `[\n${items.map(json).join(',\n')}\n]\n`);
    console.error(`${c.id}: ${items.length} frames`);
  }
} finally {
  await session.close();
}
