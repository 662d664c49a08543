import { describe, expect, it } from 'vitest';
import { framesPerSecond, mean, tally, median, perMinute, quantile, ratio, round, summarise } from './stats';

describe('perf stats', () => {
  it('takes the median of odd and even counts, NaN of none', () => {
    expect(median([30.2, 12.5, 18.1])).toBe(18.1);
    expect(median([12.5, 18.1, 30.2, 14.9])).toBeCloseTo(16.5);
    expect(median([])).toBeNaN();
  });

  it('takes quantiles by nearest rank without reordering its input', () => {
    const frames = [21.4, 19.8, 48.0, 20.3, 22.9, 19.1, 20.8, 23.5, 25.2, 20.0];
    const copy = [...frames];
    expect(quantile(frames, 0.1)).toBe(19.8);
    expect(quantile(frames, 0.9)).toBe(48.0);
    expect(quantile(frames, 1)).toBe(48.0);
    expect(frames).toEqual(copy);
  });

  it('summarises per-frame times (one slow frame moves the mean, not the median)', () => {
    const s = summarise([20, 21, 22, 23, 120]);
    expect(s).toEqual({ n: 5, median: 22, p10: 20, p90: 120, mean: 41.2 });
    expect(mean([])).toBeNaN();
  });

  it('rounds, and scales an amount to a minute', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(NaN)).toBeNaN();
    expect(perMinute(4200, 30_000)).toBe(8400);
    expect(perMinute(1, 0)).toBeNaN();
  });

  it('divides only by a positive number', () => {
    expect(ratio(23, 20)).toBeCloseTo(1.15);
    expect(ratio(5, 0)).toBeNaN();
    expect(ratio(NaN, 2)).toBeNaN();
  });

  it('counts frames per second over a span of stored seconds, a missing second as none', () => {
    // Frames per stored second of a call at 15 frames/s (t 4 has no row: nothing was analysed in it).
    const bySecond = new Map([[1, 9], [2, 15], [3, 14], [5, 15], [6, 13]]);
    expect(framesPerSecond(bySecond, 1, 6)).toBeCloseTo((15 + 14 + 15 + 13) / 5);
    expect(framesPerSecond(bySecond, 6, 6)).toBeNaN();
  });

  it('tallies the governor reasons read once a second, most frequent first', () => {
    expect(tally(['chosen', 'machineBusy', 'machineBusy', 'chosen', 'machineBusy'], ' s')).toBe('machineBusy 3 s, chosen 2 s');
    expect(tally([])).toBe('');
  });
});
