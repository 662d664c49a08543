import { describe, expect, it } from 'vitest';
import raw from './measured.json';
import {
  combinedReliability, cueReliability, MEASURED, meetsFloor, parseReliabilityTable, RELIABILITY_KEYS, smileKey,
  type MeasuredFigure, type ReliabilityTable,
} from './reliability';
import { CUE_NAMES } from './types';

const floor = { accuracy: 0.85, degrees: 3, relativeError: 0.25, minN: 20 };
const fig = (f: Partial<MeasuredFigure>): MeasuredFigure => ({ metric: 'accuracy', value: 0.9, n: 40, unit: 'people', truth: 'labels', ...f });
const table = (cues: ReliabilityTable['cues']): ReliabilityTable => ({ source: 'test', floor, cues, unknownKeys: [] });

describe('cueReliability', () => {
  it('does not trust a cue that was never measured against labelled truth', () => {
    expect(cueReliability('gazeAtCamera', table({}))).toMatchObject({ trusted: false, figure: null, reason: 'notMeasured' });
  });

  it('trusts a share metric at or above the floor, with enough people', () => {
    expect(cueReliability('smile', table({ smile: fig({ value: 0.85 }) })).trusted).toBe(true);
    expect(cueReliability('smile', table({ smile: fig({ value: 0.849 }) }))).toMatchObject({ trusted: false, reason: 'belowFloor' });
    for (const metric of ['agreement', 'auc', 'balancedAccuracy'] as const) {
      expect(cueReliability('browFurrow', table({ browFurrow: fig({ metric, value: 0.9 }) })).trusted, metric).toBe(true);
      expect(cueReliability('browFurrow', table({ browFurrow: fig({ metric, value: 0.8 }) })).trusted, metric).toBe(false);
    }
  });

  it('needs at least minN behind a figure, however good it looks', () => {
    expect(cueReliability('smile', table({ smile: fig({ value: 1, n: 19 }) }))).toMatchObject({ trusted: false, reason: 'tooFew' });
    expect(cueReliability('smile', table({ smile: fig({ value: 1, n: 20 }) })).trusted).toBe(true);
  });

  it('reads errors the other way round: degrees and relative error must stay under the floor', () => {
    expect(cueReliability('headYaw', table({ headYaw: fig({ metric: 'meanErrorDeg', value: 3, unit: 'clips' }) })).trusted).toBe(true);
    expect(cueReliability('headYaw', table({ headYaw: fig({ metric: 'meanErrorDeg', value: 3.5 }) })).reason).toBe('belowFloor');
    expect(cueReliability('blinkRate', table({ blinkRate: fig({ metric: 'relativeError', value: 0.25 }) })).trusted).toBe(true);
    expect(cueReliability('blinkRate', table({ blinkRate: fig({ metric: 'relativeError', value: 0.4 }) })).trusted).toBe(false);
    expect(meetsFloor(fig({ metric: 'meanErrorDeg', value: 0.5 }), floor)).toBe(true);
  });

  it('combines cues: trusted only when all are, naming the first that is not', () => {
    const t = table({ headYaw: fig({ metric: 'meanErrorDeg', value: 2 }) });
    expect(combinedReliability(['headYaw', 'headPitch'], t)).toMatchObject({ key: 'headPitch', trusted: false });
    expect(combinedReliability(['headYaw'], t)).toMatchObject({ key: 'headYaw', trusted: true });
    expect(smileKey(true)).toBe('smile');
    expect(smileKey(false)).toBe('smileUncalibrated');
  });
});

describe('parseReliabilityTable', () => {
  it('refuses a malformed file', () => {
    expect(() => parseReliabilityTable({ source: 'x', floor, cues: { smile: { metric: 'vibes', value: 1, n: 3, unit: 'people', truth: 't' } } })).toThrow();
    expect(() => parseReliabilityTable({ source: 'x', cues: {} })).toThrow();
    expect(() => parseReliabilityTable({ source: 'x', floor, cues: { smile: { ...fig({}), extra: 1 } } })).toThrow();
  });

  it('sets aside keys that name no cue', () => {
    expect(parseReliabilityTable({ source: 'x', floor, cues: { smile: fig({}), wink: fig({}) } })).toMatchObject({ unknownKeys: ['wink'], cues: { smile: fig({}) } });
  });
});

describe('the shipped measured.json', () => {
  it('parses, states the documented floor and names only known cues', () => {
    const t = parseReliabilityTable(raw);
    expect(t.floor).toEqual(floor);
    expect(t.unknownKeys).toEqual([]);
    expect(MEASURED.cues).toEqual(t.cues);
    expect(RELIABILITY_KEYS).toEqual([...CUE_NAMES, 'smileUncalibrated', 'blinkRate']);
  });

  it('gives every figure a sensible value, interval, n and truth', () => {
    for (const [k, f] of Object.entries(MEASURED.cues)) {
      expect(f.truth.length, k).toBeGreaterThan(5);
      expect(f.n, k).toBeGreaterThan(0);
      if (f.metric !== 'meanErrorDeg') expect(f.value, k).toBeLessThanOrEqual(1);
      if (f.lo !== undefined && f.hi !== undefined) expect(f.lo <= f.value && f.value <= f.hi, k).toBe(true);
    }
  });

  it('agrees with each cue\'s own figure', () => {
    for (const k of RELIABILITY_KEYS) {
      const r = cueReliability(k);
      expect(r.figure, k).toBe(MEASURED.cues[k] ?? null);
      if (!r.figure) expect(r.trusted, k).toBe(false);
    }
  });
});
