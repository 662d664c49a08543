/**
 * Nested person-level cross-validation of smile scores built from several features (blendshapes,
 * geometry, another model's smiling-face probability). Every choice a candidate makes — which
 * features, which transform, which L2 penalty — is made inside each outer fold on its training
 * persons only (by an inner person-CV), so the pooled out-of-fold AUC is an honest estimate of the
 * whole *procedure* on unseen people, not of the best-looking configuration. Pure and seeded.
 */
import { bootstrap, seedFrom, type Interval } from './bootstrap';
import { fitLogistic, logisticLogit } from './logistic';
import { crossValidate } from './person-cv';
import { rocAuc } from './roc';

/** One photo: its person, its label (1 = smiling), its groups and its named features. */
export interface FusionRow {
  person: string;
  file: string;
  label: 0 | 1;
  groups: Record<string, string>;
  features: Record<string, number>;
}

/**
 * One way to score a photo. `lambda: null` means no fitting: the score is `features[0]` itself.
 * Otherwise an L2 logistic regression on `features` with that penalty; its score is the log-odds.
 */
export interface FusionConfig {
  id: string;
  features: string[];
  lambda: number | null;
}

/** A candidate: the configurations its choice ranges over, simplest first (ties go to the first). */
export interface Candidate {
  name: string;
  configs: FusionConfig[];
}

/** Scores a photo. */
export type Scorer = (row: FusionRow) => number;

const vector = (row: FusionRow, names: readonly string[]): number[] =>
  names.map((n) => {
    const v = row.features[n];
    if (v === undefined || !Number.isFinite(v)) throw new Error(`fusion: ${row.file} has no finite "${n}"`);
    return v;
  });

/** Fits `config` on `train` (nothing to fit when its lambda is null). */
export function fitConfig(config: FusionConfig, train: readonly FusionRow[]): Scorer {
  const { lambda, features } = config;
  if (lambda === null) return (r) => vector(r, features)[0]!;
  const model = fitLogistic(train.map((r) => vector(r, features)), train.map((r) => r.label), { lambda });
  // Log-odds, not probability: σ saturates to exactly 1 in floating point and would create ties.
  return (r) => logisticLogit(model, vector(r, features));
}

/** ROC AUC of `score` over `rows` (smiling photos against neutral ones, pooled). */
export function pooledAuc(rows: readonly FusionRow[], score: (r: FusionRow) => number): number {
  return rocAuc(rows.filter((r) => r.label === 1).map(score), rows.filter((r) => r.label === 0).map(score));
}

/** Out-of-fold scores of `config` by person-CV within `rows`, keyed by file. */
function oofScores(config: FusionConfig, rows: readonly FusionRow[], k: number, seed: number): Map<string, number> {
  const folds = crossValidate(rows, (r) => r.person, k, seed, (train) => fitConfig(config, train), (s, test) => test.map((r) => [r.file, s(r)] as const));
  return new Map(folds.flatMap((f) => f.predictions));
}

/**
 * The configuration of `candidate` with the best inner person-CV AUC on `train`, the first one on a
 * tie. Every configuration sees the same inner folds, so they are compared on equal terms.
 */
export function chooseConfig(candidate: Candidate, train: readonly FusionRow[], innerK: number, seed: number): { config: FusionConfig; innerAuc: number } {
  if (candidate.configs.length === 1) return { config: candidate.configs[0]!, innerAuc: NaN };
  let best: { config: FusionConfig; innerAuc: number } | null = null;
  for (const config of candidate.configs) {
    const oof = oofScores(config, train, innerK, seed);
    const auc = pooledAuc(train, (r) => oof.get(r.file)!);
    if (!best || auc > best.innerAuc) best = { config, innerAuc: auc };
  }
  return best!;
}

/** Options of `nestedCv`. */
export interface NestedOptions {
  /** Outer person folds. */
  k?: number;
  /** Inner person folds for the choice. */
  innerK?: number;
  seed: number;
}

/** What `nestedCv` found: every photo's out-of-fold score and the configuration each fold chose. */
export interface NestedOutcome {
  scores: Map<string, number>;
  chosen: string[];
  auc: number;
}

/**
 * Outer person-CV of `candidate` with its choice made by `chooseConfig` on each outer training set.
 * The inner folds' seed derives from the training persons, so a fold's choice does not depend on
 * the order folds are run in. Scores of different folds come from different fits; the pooled AUC
 * treats them as one scale, as a deployed model would have one.
 */
export function nestedCv(rows: readonly FusionRow[], candidate: Candidate, opts: NestedOptions): NestedOutcome {
  const { k = 10, innerK = 5, seed } = opts;
  const folds = crossValidate(rows, (r) => r.person, k, seed, (train) => {
    const persons = [...new Set(train.map((r) => r.person))].sort().join('|');
    const { config } = chooseConfig(candidate, train, innerK, seedFrom(persons, seed));
    return { id: config.id, score: fitConfig(config, train) };
  }, (m, test) => test.map((r) => [r.file, m.score(r)] as const));
  const scores = new Map(folds.flatMap((f) => f.predictions));
  return { scores, chosen: folds.map((f) => f.model.id), auc: pooledAuc(rows, (r) => scores.get(r.file)!) };
}

/** AUC of one group of persons. */
export interface GroupAuc {
  group: string;
  persons: number;
  auc: number;
}

/** AUC per group of `attribute` (rows without one are left out), groups in name order. */
export function aucByGroup(rows: readonly FusionRow[], scores: ReadonlyMap<string, number>, attribute: string): GroupAuc[] {
  const by = new Map<string, FusionRow[]>();
  for (const r of rows) {
    const g = r.groups[attribute];
    if (g !== undefined) by.set(g, [...(by.get(g) ?? []), r]);
  }
  return [...by.keys()].sort().map((group) => {
    const rs = by.get(group)!;
    return { group, persons: new Set(rs.map((r) => r.person)).size, auc: pooledAuc(rs, (r) => scores.get(r.file)!) };
  });
}

/**
 * AUC(x) − AUC(y) over the same `rows`, with a person bootstrap that resamples both scores together
 * (paired: the two scores of a resample come from the same persons, so shared luck cancels).
 */
export function pairedAucDiff(rows: readonly FusionRow[], x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>, reps = 2000, seed = 7): Interval {
  const byPerson = new Map<string, FusionRow[]>();
  for (const r of rows) byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), r]);
  return bootstrap([...byPerson.values()], (sample) => {
    const sub = sample.flat();
    return pooledAuc(sub, (r) => x.get(r.file)!) - pooledAuc(sub, (r) => y.get(r.file)!);
  }, { reps, seed });
}
