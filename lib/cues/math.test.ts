import { describe, expect, it } from 'vitest';
import { clamp, mean, ramp, std } from './math';

describe('math helpers', () => {
  it('ramps linearly between its ends and clamps outside', () => {
    expect(ramp(0.05, 0.1, 0.2)).toBe(0);
    expect(ramp(0.15, 0.1, 0.2)).toBeCloseTo(0.5);
    expect(ramp(0.3, 0.1, 0.2)).toBe(1);
    expect(clamp(-2)).toBe(0);
  });
  it('mean and std', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(std([1, 1, 1])).toBe(0);
    expect(std([0, 2])).toBe(1);
    expect(Number.isNaN(mean([]))).toBe(true);
  });
});
