/**
 * Per-person tables of how well a score separates positive from negative examples, overall and
 * per demographic group, with person-level bootstrap intervals. Pure; used by `npm run bench:accuracy`.
 */
import { bootstrap, seedFrom, type Interval } from './bootstrap';
import { accuracyAt, rocAuc } from './roc';

/** Below this many positive or negative examples a row is flagged as a small sample. */
export const SMALL_SAMPLE = 20;

/** One person's scored examples of a cue (e.g. their smiling photo as a positive, neutral as a negative). */
export interface PersonScores {
  person: string;
  /** Group of this person per attribute, e.g. `{ gender: 'female', ethnicity: 'black' }`. */
  groups: Record<string, string>;
  pos: number[];
  neg: number[];
}

/** How well a score separates the examples of some persons. */
export interface Metrics {
  persons: number;
  pos: number;
  neg: number;
  /** Fewer than `SMALL_SAMPLE` positives or negatives: read the numbers as anecdotes. */
  small: boolean;
  auc: Interval;
  /** Accuracy of "score > threshold". */
  accuracy: Interval;
  threshold: number;
  /** Persons with both kinds of example whose every positive scores above their every negative. */
  withinPerson: { count: number; of: number };
}

/** Bootstrap settings of a table. */
export interface TableOptions {
  reps?: number;
  /** Base seed; each table derives its own from its name, so tables do not depend on run order. */
  seed?: number;
}

const pooled = (ps: readonly PersonScores[]) => ({ pos: ps.flatMap((p) => p.pos), neg: ps.flatMap((p) => p.neg) });

/** Metrics of `persons` at `threshold`; `name` seeds the bootstrap. */
export function metrics(name: string, persons: readonly PersonScores[], threshold: number, opts: TableOptions = {}): Metrics {
  const { pos, neg } = pooled(persons);
  const both = persons.filter((p) => p.pos.length && p.neg.length);
  const b = { reps: opts.reps ?? 2000 };
  return {
    persons: persons.length,
    pos: pos.length,
    neg: neg.length,
    small: Math.min(pos.length, neg.length) < SMALL_SAMPLE,
    auc: bootstrap(persons, (s) => {
      const x = pooled(s);
      return rocAuc(x.pos, x.neg);
    }, { ...b, seed: seedFrom(`${name}/auc`, opts.seed) }),
    accuracy: bootstrap(persons, (s) => {
      const x = pooled(s);
      return accuracyAt(x.pos, x.neg, threshold).accuracy;
    }, { ...b, seed: seedFrom(`${name}/accuracy`, opts.seed) }),
    threshold,
    withinPerson: { count: both.filter((p) => Math.min(...p.pos) > Math.max(...p.neg)).length, of: both.length },
  };
}

/** One row of a group table. */
export interface GroupRow extends Metrics {
  attribute: string;
  group: string;
}

/** Metrics per group of `attribute` (persons without a value for it are left out), groups in name order. */
export function groupTable(name: string, persons: readonly PersonScores[], attribute: string, threshold: number, opts: TableOptions = {}): GroupRow[] {
  const by = new Map<string, PersonScores[]>();
  for (const p of persons) {
    const g = p.groups[attribute];
    if (g === undefined) continue;
    by.set(g, [...(by.get(g) ?? []), p]);
  }
  return [...by.keys()].sort().map((group) => ({ attribute, group, ...metrics(`${name}/${attribute}=${group}`, by.get(group)!, threshold, opts) }));
}

/** The largest difference of a metric between two groups of a table. */
export interface Gap {
  metric: 'auc' | 'accuracy';
  low: { group: string; value: number; persons: number };
  high: { group: string; value: number; persons: number };
  gap: number;
}

/**
 * Lowest and highest group on `metric` (point estimates). Groups with an undefined value, or with
 * fewer than `minPersons` persons (one person's two photos say nothing about a group), are skipped.
 * Null with fewer than two groups left.
 */
export function largestGap(rows: readonly GroupRow[], metric: 'auc' | 'accuracy', minPersons = 1): Gap | null {
  const ok = rows.filter((r) => Number.isFinite(r[metric].estimate) && r.persons >= minPersons);
  if (ok.length < 2) return null;
  const sorted = [...ok].sort((a, b) => a[metric].estimate - b[metric].estimate);
  const lo = sorted[0]!, hi = sorted[sorted.length - 1]!;
  const pick = (r: GroupRow) => ({ group: r.group, value: r[metric].estimate, persons: r.persons });
  return { metric, low: pick(lo), high: pick(hi), gap: hi[metric].estimate - lo[metric].estimate };
}
