/**
 * Does the faceSize cue track distance? Face size has no "accuracy" (the product only says nearer or
 * farther), so the check is whether it falls monotonically with the nominal camera distance, and how
 * close it comes to the pinhole 1/distance law. Pure.
 */

/** The faceSize cue of one photo taken at a nominal distance. */
export interface SizeReading {
  distanceCm: number;
  /** null when no face was found. */
  faceSize: number | null;
}

/** How the readings follow distance. */
export interface SizeTrack {
  rows: { distanceCm: number; faceSize: number; sizeTimesDistance: number }[];
  missed: number[];
  /** Strictly smaller at every larger distance. */
  monotone: boolean;
  /** Least-squares slope of log(faceSize) on log(distance): −1 under a pinhole camera with exact distances. */
  logSlope: number;
  /**
   * faceSize = k / (distance + offset), fitted as a straight line of 1/faceSize on distance. An offset
   * well away from 0 means the nominal distances are not measured from the lens (or are approximate);
   * it is fitted on the same few photos, so it describes them and predicts nothing.
   */
  offsetFit: { k: number; offsetCm: number; maxRelResidual: number } | null;
}

/** Ordinary least squares of y on x. */
function line(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length, mx = x.reduce((a, v) => a + v, 0) / n, my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0, sxx = 0;
  x.forEach((v, i) => { sxy += (v - mx) * (y[i]! - my); sxx += (v - mx) ** 2; });
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The track of `readings` (any order). */
export function faceSizeTrack(readings: readonly SizeReading[]): SizeTrack {
  const ok = readings.filter((r): r is { distanceCm: number; faceSize: number } => r.faceSize !== null && r.faceSize > 0).sort((a, b) => a.distanceCm - b.distanceCm);
  const rows = ok.map((r) => ({ distanceCm: r.distanceCm, faceSize: r.faceSize, sizeTimesDistance: r.faceSize * r.distanceCm }));
  const missed = readings.filter((r) => !(r.faceSize !== null && r.faceSize > 0)).map((r) => r.distanceCm);
  const monotone = rows.every((r, i) => i === 0 || r.faceSize < rows[i - 1]!.faceSize);
  if (rows.length < 2) return { rows, missed, monotone, logSlope: NaN, offsetFit: null };
  const logSlope = line(rows.map((r) => Math.log(r.distanceCm)), rows.map((r) => Math.log(r.faceSize))).slope;
  const inv = line(rows.map((r) => r.distanceCm), rows.map((r) => 1 / r.faceSize));
  const k = 1 / inv.slope, offsetCm = inv.intercept / inv.slope;
  const maxRelResidual = rows.reduce((m, r) => Math.max(m, Math.abs(k / (r.distanceCm + offsetCm) / r.faceSize - 1)), 0);
  return { rows, missed, monotone, logSlope, offsetFit: inv.slope > 0 ? { k, offsetCm, maxRelResidual } : null };
}
