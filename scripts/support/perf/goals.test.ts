import { describe, expect, it } from 'vitest';
import { checkGoals, metText } from './goals';

const run = { overhead: 1.08, maxRateFps: 12.4, cores: 2, perFrameMs: 24.6, fastestPeer: { stack: 'human', ms: 66.8 } };

describe('perf goals', () => {
  it('marks each goal met when the run is within it', () => {
    const r = checkGoals(run);
    expect(r.map((g) => g.met)).toEqual([true, true, true]);
    expect(r[1]!.measured).toBe('12.4 fps on 2 cores');
    expect(r[2]!.target).toBe('≤ 0.5 × human 66.8 ms = 33.4 ms');
  });

  it('marks a goal not met beyond its line, the boundary itself counting as met', () => {
    const r = checkGoals({ ...run, overhead: 1.15, maxRateFps: 9.9, perFrameMs: 33.5 });
    expect(r.map((g) => g.met)).toEqual([true, false, false]);
  });

  it('says "not measured" rather than guessing', () => {
    const r = checkGoals({ ...run, overhead: NaN, fastestPeer: null });
    expect(r[0]).toMatchObject({ measured: 'not measured', met: null });
    expect(r[2]!.met).toBeNull();
    expect(r.map((g) => metText(g.met))).toEqual(['not measured', 'met', 'not measured']);
  });
});
