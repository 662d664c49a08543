/**
 * Separation of positive and negative examples by a score: ROC AUC (ties count half) and accuracy
 * at a fixed threshold. Pure; used by `npm run bench:accuracy`.
 */

/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting
 * half (the Mann–Whitney U statistic over n·m). Computed from mid-ranks, O((n+m) log(n+m)).
 * NaN when either side is empty. Non-finite scores are not allowed (a missing face must be given a
 * score by the caller, e.g. 0 for "no smile seen").
 */
export function rocAuc(pos: readonly number[], neg: readonly number[]): number {
  if (!pos.length || !neg.length) return NaN;
  const all = [...pos.map((v) => ({ v, p: true })), ...neg.map((v) => ({ v, p: false }))];
  for (const x of all) if (!Number.isFinite(x.v)) throw new Error(`rocAuc: non-finite score ${x.v}`);
  all.sort((a, b) => a.v - b.v);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const midRank = (i + 1 + j) / 2; // ranks i+1..j share their mean
    for (let k = i; k < j; k++) if (all[k]!.p) rankSumPos += midRank;
    i = j;
  }
  const n = pos.length, m = neg.length;
  return (rankSumPos - (n * (n + 1)) / 2) / (n * m);
}

/** Counts at a threshold: a score strictly above it reads as positive, as the cues' "above" does. */
export interface ThresholdCounts {
  threshold: number;
  /** Positives above the threshold. */
  truePos: number;
  /** Negatives at or below it. */
  trueNeg: number;
  pos: number;
  neg: number;
  /** (truePos + trueNeg) / (pos + neg); NaN without examples. */
  accuracy: number;
}

/** Accuracy of "score > threshold" on positives and negatives. */
export function accuracyAt(pos: readonly number[], neg: readonly number[], threshold: number): ThresholdCounts {
  const truePos = pos.filter((v) => v > threshold).length;
  const trueNeg = neg.filter((v) => !(v > threshold)).length;
  const total = pos.length + neg.length;
  return { threshold, truePos, trueNeg, pos: pos.length, neg: neg.length, accuracy: total ? (truePos + trueNeg) / total : NaN };
}
