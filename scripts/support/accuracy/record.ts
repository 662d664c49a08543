/**
 * Records the research numbers (all blendshapes, head matrix, shape ratios; no pictures) of the
 * London photos under the calibration/test views and roll angles, and of every frame of the
 * validation clips, into `dir` (london.json, clip-<id>.json). Used by the accuracy bench and by
 * scripts/record-research.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CALIBRATION_VIEWS, ROLL_ANGLES, TEST_VIEWS } from '../../../lib/analysis/augment';
import type { ResearchItem } from '../../../lib/analysis/research';
import { CLIPS, clipPath } from '../clips';
import { FACES } from '../paths';
import { openResearch } from '../research';

/** Every view a London photo is recorded under, in the order the sections read them. */
export const LONDON_VIEWS = [...CALIBRATION_VIEWS, ...TEST_VIEWS, ...ROLL_ANGLES.filter((a) => a !== 0).map((rotate) => ({ rotate }))];

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? r4(x) : x));

/** Records `london` (paths under the shared faces folder) and, unless `clips` is false, the clips. */
export async function recordResearch(dir: string, london: readonly string[], opts: { clips?: boolean; log?: (s: string) => void } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  mkdirSync(dir, { recursive: true });
  const clips = opts.clips === false ? [] : CLIPS;
  const session = await openResearch([...london.map((f) => resolve(FACES, f)), ...clips.map(clipPath)]);
  try {
    if (london.length) {
      const photos: Record<string, ResearchItem[]> = {};
      for (const [i, f] of london.entries()) {
        photos[f] = await session.photo(resolve(FACES, f), LONDON_VIEWS);
        if (i % 20 === 0) log(`research: London photo ${i + 1} of ${london.length}`);
      }
      writeFileSync(resolve(dir, 'london.json'), `{\n${Object.entries(photos).map(([f, v]) => `${JSON.stringify(f)}:${json(v)}`).join(',\n')}\n}\n`);
    }
    for (const c of clips) {
      const items = await session.clip(clipPath(c), c.fps);
      writeFileSync(resolve(dir, `clip-${c.id}.json`), `[\n${items.map(json).join(',\n')}\n]\n`);
      log(`research: clip ${c.id}, ${items.length} frames`);
    }
  } finally {
    await session.close();
  }
}
