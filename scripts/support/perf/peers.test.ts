import { describe, expect, it } from 'vitest';
import { fastestPeer, peerTimesFromAccuracy } from './peers';

// The timing part of a real full accuracy run (bench/results/accuracy.json, 146 London photos).
const ACCURACY = JSON.stringify({
  mode: 'full',
  timing: [
    { stack: 'Selfview', backend: 'MediaPipe Face Landmarker (extension engine, CPU, IMAGE mode)', london: { photos: 146, medianMs: 49.9, meanMs: 54.3027, p90Ms: 69.4 } },
    { stack: 'human', backend: 'tfjs wasm', london: { photos: 146, medianMs: 66.8, meanMs: 70.4116, p90Ms: 81.5 } },
    { stack: 'face-api', backend: 'tfjs wasm', london: { photos: 146, medianMs: 70.9, meanMs: 91.0493, p90Ms: 132.2 } },
  ],
});

describe('peer times', () => {
  it('reads the peers and Selfview per-photo time from an accuracy report, naming the run', () => {
    const p = peerTimesFromAccuracy(ACCURACY, 'accuracy.json')!;
    expect(p.source).toBe('accuracy.json (full run)');
    expect(p.stacks.map((s) => s.stack)).toEqual(['human', 'face-api']);
    expect(p.selfviewPerPhoto).toMatchObject({ medianMs: 49.9, photos: 146 });
    expect(fastestPeer(p)).toEqual({ stack: 'human', ms: 66.8 });
  });

  it('gives nothing for a report without timings', () => {
    expect(peerTimesFromAccuracy(JSON.stringify({ mode: 'short' }), 'x')).toBeNull();
    expect(fastestPeer(null)).toBeNull();
  });
});
