/**
 * The JSON rows that "analyse a recording" and `npm run analyze` produce: one per image, one per
 * second of video. Pure, so the CLI, the Practice page and the tests format results identically.
 */
import { round } from '../cues/math';
import type { FrameObservation } from '../cues/observation';
import { CUE_NAMES, type CueName, type FrameCues, type QualityIssue, type SecondAggregate } from '../cues/types';

/** One output row. `t` (seconds) only for video. Cue values are null when no face was found. */
export interface AnalysisRow {
  file: string;
  t?: number;
  faces: number;
  quality: number;
  qualityIssue: QualityIssue | null;
  cues: Record<CueName, number | null>;
  blinks?: number;
  expressiveness?: number;
  /** Only when asked for (fixture recording): the frame observations behind this row, with media time in ms. */
  observations?: { ts: number; observation: FrameObservation }[];
}

/** A row for which the file could not be analysed. */
export interface ErrorRow {
  file: string;
  error: string;
}

const noCues = (): Record<CueName, null> => Object.fromEntries(CUE_NAMES.map((n) => [n, null])) as Record<CueName, null>;

/** Row for a photo. */
export function imageRow(file: string, f: FrameCues): AnalysisRow {
  const cues = f.cues ? (Object.fromEntries(CUE_NAMES.map((n) => [n, round(f.cues![n])])) as Record<CueName, number>) : noCues();
  return { file, faces: f.faces, quality: round(f.quality), qualityIssue: f.qualityIssue, cues };
}

/** Row for one second of a video (cue values are the second's means). */
export function secondRow(file: string, a: SecondAggregate): AnalysisRow {
  const cues = a.cues ? (Object.fromEntries(CUE_NAMES.map((n) => [n, round(a.cues![n].mean)])) as Record<CueName, number>) : noCues();
  return {
    file, t: a.t, faces: a.faces, quality: round(a.quality), qualityIssue: a.qualityIssue, cues,
    blinks: a.blinks, expressiveness: round(a.expressiveness),
  };
}
