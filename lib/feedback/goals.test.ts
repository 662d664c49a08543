// Protects goal checks: met / not met at and around the target in both directions, no verdict without judged seconds, and a goal's course over recorded calls in time order.
import { describe, expect, it } from 'vitest';
import { summarize } from '../db/summaries';
import { recordedSeconds } from '../db/test-support';
import { goalMet, goalProgress } from './goals';

const real = summarize(recordedSeconds(), 31, 0);
const look = real.shares.lookingAtCamera!;

describe('goalMet', () => {
  it('compares the share of a recorded call with the target, the target itself included', () => {
    expect(look).not.toBeNull();
    expect(goalMet({ cue: 'lookingAtCamera', direction: 'atLeast', target: look }, real)).toBe(true);
    expect(goalMet({ cue: 'lookingAtCamera', direction: 'atLeast', target: look + 0.01 }, real)).toBe(false);
    expect(goalMet({ cue: 'lookingAtCamera', direction: 'atMost', target: look }, real)).toBe(true);
    expect(goalMet({ cue: 'lookingAtCamera', direction: 'atMost', target: look - 0.01 }, real)).toBe(false);
  });

  it('gives no verdict for a call without judged seconds', () => {
    const dark = summarize(recordedSeconds().map((a) => ({ ...a, quality: 0 })), 31, 0);
    expect(goalMet({ cue: 'smiling', direction: 'atLeast', target: 0 }, dark)).toBeNull();
  });
});

describe('goalProgress', () => {
  it('gives one point per call, oldest first, with its value and verdict', () => {
    const firstHalf = summarize(recordedSeconds().slice(0, 15), 15, 0);
    const dark = summarize(recordedSeconds().map((a) => ({ ...a, quality: 0 })), 31, 0);
    const goal = { cue: 'lookingAtCamera' as const, direction: 'atLeast' as const, target: 0.5 };
    const points = goalProgress(goal, [
      { startedAt: 3, summary: dark },
      { startedAt: 1, summary: real },
      { startedAt: 2, summary: firstHalf },
    ]);
    expect(points).toEqual([
      { startedAt: 1, value: look, met: look >= 0.5 },
      { startedAt: 2, value: firstHalf.shares.lookingAtCamera, met: firstHalf.shares.lookingAtCamera! >= 0.5 },
      { startedAt: 3, value: null, met: null },
    ]);
    expect(goalProgress(goal, [])).toEqual([]);
  });
});
