/** Whether a call met a goal, and a goal's course over calls. Pure. */
import type { GoalRecord, SessionSummary, SummaryCue } from '../db/schema';

/** The movements a goal can be about (the shares of a summary). */
export const SUMMARY_CUES: readonly SummaryCue[] = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre'];

/** What `goalMet` needs of a goal. */
export type GoalTarget = Pick<GoalRecord, 'cue' | 'direction' | 'target'>;

/** Whether the call met the goal; null when the call has no judged second for that movement (no verdict). */
export function goalMet(goal: GoalTarget, summary: SessionSummary): boolean | null {
  const share = summary.shares[goal.cue];
  if (share === null || share === undefined) return null;
  return goal.direction === 'atLeast' ? share >= goal.target : share <= goal.target;
}

/** One point per call, oldest first: the call's share of the goal's movement and whether it met the goal. */
export function goalProgress(goal: GoalTarget, points: { startedAt: number; summary: SessionSummary }[]): { startedAt: number; value: number | null; met: boolean | null }[] {
  return [...points]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((p) => ({ startedAt: p.startedAt, value: p.summary.shares[goal.cue] ?? null, met: goalMet(goal, p.summary) }));
}
