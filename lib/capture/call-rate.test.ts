// Protects what the popup is told about a call's analysis rate: a report as soon as the rate or its
// reason changes (not on every frame), and the current rate on each heartbeat.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import { CallRate, type CallRateReport } from './call-rate';

const recorded = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/clip-cap13_edit2.json'), 'utf8')) as { ts: number; observation: FrameObservation }[])
  .map((f) => frameCues(f.observation).cues);
const still = recorded[0]!;

describe('CallRate', () => {
  it('reports once when a still face lowers the rate, and once when talking brings it back', () => {
    const reports: CallRateReport[] = [];
    const rate = new CallRate('s1', { chosenFps: 5, budget: 0.33 }, (r) => reports.push(r));
    let at = 0;
    const frame = (cues: (typeof recorded)[number]) => (at += rate.pace({ at, costMs: 30, detectMs: 25, lagMs: 0, cues }));
    for (let i = 0; i < 30; i++) frame(still);
    expect(reports).toEqual([{ sessionId: 's1', fps: 2, budget: 0.33, reason: 'faceSteady' }]);
    for (const cues of recorded.slice(1, 80)) frame(cues);
    expect(reports.map((r) => r.reason)).toEqual(['faceSteady', 'chosen']);
    expect(reports[1]).toEqual({ sessionId: 's1', fps: 5, budget: 0.33, reason: 'chosen' });
  });

  it('reports the current rate on each heartbeat, before any frame too', () => {
    const reports: CallRateReport[] = [];
    const rate = new CallRate('s2', { chosenFps: 8, budget: 0.5 }, (r) => reports.push(r));
    rate.heartbeat();
    expect(rate.pace({ at: 0, costMs: 30, detectMs: 25, lagMs: 0, cues: null })).toBe(125);
    rate.heartbeat();
    expect(reports).toEqual([
      { sessionId: 's2', fps: 8, budget: 0.5, reason: 'chosen' },
      { sessionId: 's2', fps: 8, budget: 0.5, reason: 'chosen' },
    ]);
  });
});
