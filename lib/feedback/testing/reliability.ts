/**
 * Reliability tables for tests: every cue measured well, or chosen cues left unmeasured, so that a
 * test states which nudges the gate lets through instead of depending on the shipped figures.
 */
import { RELIABILITY_KEYS, type MeasuredFigure, type ReliabilityKey, type ReliabilityTable } from '../../cues/reliability';

/** The project's floor, as measured.json states it. */
export const TEST_FLOOR = { accuracy: 0.85, degrees: 3, relativeError: 0.25, minN: 20 };

/** A figure that clears the floor comfortably. */
export const GOOD_FIGURE: MeasuredFigure = { metric: 'accuracy', value: 0.95, n: 50, unit: 'people', truth: 'test labels' };

/** A table where every cue is trusted except `without` (those have no figure). */
export function trustedTable(without: readonly ReliabilityKey[] = []): ReliabilityTable {
  const cues: ReliabilityTable['cues'] = {};
  for (const k of RELIABILITY_KEYS) if (!without.includes(k)) cues[k] = GOOD_FIGURE;
  return { source: 'test', floor: TEST_FLOOR, cues, unknownKeys: [] };
}
