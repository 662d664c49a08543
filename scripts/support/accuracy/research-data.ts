/**
 * Loads recorded research data (scripts/record-research.ts or the accuracy bench) with its truth:
 * the London persons with their groups, and the validation clips with their label consensus.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasLabel, type LabelRow } from '../../../lib/analysis/groups-labels';
import type { ResearchItem } from '../../../lib/analysis/research';
import { consensus, parseRaterLabels } from '../../../lib/analysis/validation-labels';
import { CLIPS } from '../clips';
import { ROOT } from '../paths';
import type { LabelledClip, LondonPerson } from './smile-calibrated';

/** Groups of a labelled person as the bench tables them. */
export const groupsOf = (r: LabelRow): Record<string, string> => ({
  ...(r.demographic.ethnicity ? { ethnicity: r.demographic.ethnicity } : {}),
  ...(r.demographic.gender ? { gender: r.demographic.gender } : {}),
});

/** Both raters' labels of a clip, as their consensus. */
export function clipLabels(id: string) {
  const read = (r: string) => parseRaterLabels(readFileSync(resolve(ROOT, 'test/validation/labels', `${id}.${r}.tsv`), 'utf8'));
  return consensus(read('r1'), read('r2'));
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
