/**
 * Agreement of the shipped cues' per-second readings (`second-reading`) with the seconds two raters
 * agree on (`validation-labels` consensus): accuracy, recall of each word, balanced accuracy and a
 * threshold-free AUC, with intervals from a block bootstrap over seconds. Pure.
 */
import { bootstrap, quantile, seedFrom, type Interval } from './bootstrap';
import { rocAuc } from './roc';
import type { FieldRule, SecondReading } from './second-reading';

/** Neighbouring seconds of a clip are alike (a look away lasts several), so they are resampled in blocks of this many. */
export const BLOCK_SECONDS = 10;

/** One labelled second with the product's reading of it. */
export interface LabelledSecond {
  clip: string;
  second: number;
  truth: string;
  /** The word read, or null when the second had no face frame. */
  read: string | null;
  score: number;
}

/** Pairs the consensus of one field with the readings of the same clip. */
export function pairSeconds(clip: string, readings: ReadonlyMap<number, SecondReading>, truth: ReadonlyMap<number, string>): LabelledSecond[] {
  return [...truth].sort((a, b) => a[0] - b[0]).map(([second, word]) => {
    const r = readings.get(second);
    return { clip, second, truth: word, read: r?.word ?? null, score: r?.score ?? NaN };
  });
}

/** Point figures of a set of labelled seconds (read seconds only). */
export interface AgreementPoint {
  accuracy: number;
  /** Share of the positive-word seconds read as positive, and of the negative-word ones read as negative. */
  recallPositive: number;
  recallNegative: number;
  /** Mean of the two recalls; NaN when either word is absent. */
  balancedAccuracy: number;
  /** AUC of the second's mean score for positive vs negative truth; NaN when either is absent. */
  auc: number;
}

/** The point figures of `rows` under `rule`. */
export function agreementPoint(rows: readonly LabelledSecond[], rule: FieldRule): AgreementPoint {
  const read = rows.filter((r) => r.read !== null);
  const pos = read.filter((r) => r.truth === rule.positive), neg = read.filter((r) => r.truth === rule.negative);
  const share = (xs: LabelledSecond[], w: string): number => (xs.length ? xs.filter((r) => r.read === w).length / xs.length : NaN);
  const recallPositive = share(pos, rule.positive), recallNegative = share(neg, rule.negative);
  return {
    accuracy: read.length ? read.filter((r) => r.read === r.truth).length / read.length : NaN,
    recallPositive, recallNegative,
    balancedAccuracy: (recallPositive + recallNegative) / 2,
    auc: rocAuc(pos.map((r) => r.score), neg.map((r) => r.score)),
  };
}

/** Seconds grouped into blocks of `size` within each clip: the bootstrap's units. */
export function secondBlocks(rows: readonly LabelledSecond[], size = BLOCK_SECONDS): LabelledSecond[][] {
  const by = new Map<string, LabelledSecond[]>();
  for (const r of rows) {
    const k = `${r.clip}#${Math.floor(r.second / size)}`;
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  return [...by.values()];
}

/** Agreement of one field over some seconds (one clip, or several pooled). */
export interface FieldAgreementResult {
  field: string;
  scope: string;
  line: string;
  positive: string;
  negative: string;
  /** Labelled seconds read, by truth word; `unread`: labelled seconds without a face frame (left out). */
  n: number;
  positives: number;
  negatives: number;
  unread: number;
  /** Truth word → read word → seconds. */
  confusion: Record<string, Record<string, number>>;
  accuracy: Interval;
  recallPositive: Interval;
  recallNegative: Interval;
  balancedAccuracy: Interval;
  auc: Interval;
  /** Median of the per-second mean score among positive and among negative seconds: where the line sits between them. */
  medianScore: { positive: number; negative: number };
  blocks: number;
}

/** Agreement of `rows` with block-bootstrap intervals; `scope` names the clip(s) and seeds the resampling. */
export function fieldAgreement(scope: string, rows: readonly LabelledSecond[], rule: FieldRule, opts: { reps?: number; seed?: number; blockSeconds?: number } = {}): FieldAgreementResult {
  const read = rows.filter((r) => r.read !== null);
  const blocks = secondBlocks(read, opts.blockSeconds);
  const ci = (k: keyof AgreementPoint): Interval =>
    bootstrap(blocks, (s) => agreementPoint(s.flat(), rule)[k], { reps: opts.reps ?? 2000, seed: seedFrom(`${scope}/${rule.field}/${k}`, opts.seed) });
  const median = (w: string): number => quantile(read.filter((r) => r.truth === w).map((r) => r.score).sort((a, b) => a - b), 0.5);
  const confusion: Record<string, Record<string, number>> = {};
  for (const r of read) (confusion[r.truth] ??= {})[r.read!] = (confusion[r.truth]?.[r.read!] ?? 0) + 1;
  return {
    field: rule.field, scope, line: rule.line, positive: rule.positive, negative: rule.negative,
    n: read.length,
    positives: read.filter((r) => r.truth === rule.positive).length,
    negatives: read.filter((r) => r.truth === rule.negative).length,
    unread: rows.length - read.length,
    confusion,
    accuracy: ci('accuracy'), recallPositive: ci('recallPositive'), recallNegative: ci('recallNegative'),
    balancedAccuracy: ci('balancedAccuracy'), auc: ci('auc'),
    medianScore: { positive: median(rule.positive), negative: median(rule.negative) },
    blocks: blocks.length,
  };
}
