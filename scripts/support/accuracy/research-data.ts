/**
 * Loads recorded research data (scripts/record-research.ts or the accuracy bench) with its truth:
 * the London persons with their groups, and the validation clips with their label consensus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasLabel, type LabelRow } from '../../../lib/analysis/groups-labels';
import type { ResearchItem } from '../../../lib/analysis/research';
import { consensus, parseBrowLabels, parseRaterLabels, withBrows, type Consensus } from '../../../lib/analysis/validation-labels';
import { CLIPS } from '../clips';
import { ROOT } from '../paths';
import type { LabelledClip, LondonPerson } from './smile-calibrated';

/** Groups of a labelled person as the bench tables them. */
export const groupsOf = (r: LabelRow): Record<string, string> => ({
  ...(r.demographic.ethnicity ? { ethnicity: r.demographic.ethnicity } : {}),
  ...(r.demographic.gender ? { gender: r.demographic.gender } : {}),
});

/** Both raters' labels of a clip, as their consensus (with the brows field where both labelled it). */
export function clipLabels(id: string): Consensus {
  const file = (name: string): string => resolve(ROOT, 'test/validation/labels', name);
  const read = (r: string) => parseRaterLabels(readFileSync(file(`${id}.${r}.tsv`), 'utf8'));
  const c = consensus(read('r1'), read('r2'));
  const brows = ['r1', 'r2'].map((r) => file(`${id}.brows.${r}.tsv`));
  if (!brows.every((f) => existsSync(f))) return c;
  const [b1, b2] = brows.map((f) => parseBrowLabels(readFileSync(f, 'utf8')));
  return withBrows(c, b1!, b2!);
}

/** Persons with a neutral and a smiling London photo recorded in `london`. */
export function londonPersons(london: Record<string, ResearchItem[]>, labels: readonly LabelRow[]): LondonPerson[] {
  const rows = labels.filter((r) => r.file.startsWith('A/london/') && london[r.file]);
  return [...new Set(rows.map((r) => r.person))].sort().flatMap((person) => {
    const n = rows.find((r) => r.person === person && hasLabel(r, 'neutral')), s = rows.find((r) => r.person === person && hasLabel(r, 'smile'));
    return n && s ? [{ person, groups: groupsOf(n), neutral: london[n.file]!, smiling: london[s.file]! }] : [];
  });
}

/** Everything in a research folder: London persons and every labelled clip recorded there. */
export function loadResearch(dir: string, labels: readonly LabelRow[]): { london: Record<string, ResearchItem[]>; persons: LondonPerson[]; clips: LabelledClip[] } {
  const london = JSON.parse(readFileSync(resolve(dir, 'london.json'), 'utf8')) as Record<string, ResearchItem[]>;
  const clips = CLIPS.map((c) => ({ id: c.id, fps: c.fps, frames: JSON.parse(readFileSync(resolve(dir, `clip-${c.id}.json`), 'utf8')) as ResearchItem[], labels: clipLabels(c.id) }));
  return { london, persons: londonPersons(london, labels), clips };
}
