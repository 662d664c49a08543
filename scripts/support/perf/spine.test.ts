import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../../lib/analysis/bench';
import { dropFirst, summariseSpine } from './spine';

// Per-frame times (ms) of a warm-up round and one measured round of three frames each, shaped as
// the analysis page's selfviewBench returns them (the first frames carry the graph's set-up).
const RUN: BenchResult = {
  frames: 3,
  delegate: 'CPU',
  engine: {
    roundTripMs: [180.2, 30.1, 29.4, 24.6, 25.3, 24.1],
    transferMs: [3.1, 2.6, 2.2, 2.4, 2.5, 2.3],
    detectMs: [171.5, 25.9, 25.7, 21.1, 21.9, 20.8],
    cueMs: [0.4, 0.2, 0.2, 0.1, 0.2, 0.1],
    engineMs: [172.6, 26.4, 26.1, 21.4, 22.3, 21.1],
  },
  bare: { detectMs: [95.0, 23.0, 22.4, 21.7, 22.9, 21.2] },
};

describe('spine comparison', () => {
  it('drops the warm-up round from every measure', () => {
    const r = dropFirst(RUN, 3);
    expect(r.engine.engineMs).toEqual([21.4, 22.3, 21.1]);
    expect(r.bare.detectMs).toEqual([21.7, 22.9, 21.2]);
    expect(r.delegate).toBe('CPU');
  });

  it('summarises medians and the engine-to-bare ratios', () => {
    const s = summariseSpine(dropFirst(RUN, 3), { frames: 3, rounds: 1, side: 320 });
    expect(s.frames).toBe(3);
    expect(s.medianMs).toEqual({ engineInOffscreen: 21.4, engineDetect: 21.1, engineCueMaths: 0.1, transfer: 2.4, roundTrip: 24.6, bareDetect: 21.7 });
    expect(s.ratio).toEqual({ offscreenVsBare: 0.99, roundTripVsBare: 1.13 });
  });
});
