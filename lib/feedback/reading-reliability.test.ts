import { describe, expect, it } from 'vitest';
import { READINGS, readingCueKeys, readingReliability } from './reading-reliability';
import { trustedTable } from './testing/reliability';

describe('readingReliability', () => {
  it('rests every reading on at least one measured cue', () => {
    for (const r of READINGS) expect(readingCueKeys(r, false).length, r).toBeGreaterThan(0);
    expect(readingCueKeys('smiling', true)).toEqual(['smile']);
    expect(readingCueKeys('smiling', false)).toEqual(['smileUncalibrated']);
  });

  it('marks a reading rough when any cue behind it is', () => {
    expect(readingReliability('headTurned', false, trustedTable()).trusted).toBe(true);
    expect(readingReliability('headTurned', false, trustedTable(['headPitch']))).toMatchObject({ trusted: false, key: 'headPitch' });
    expect(readingReliability('offCentre', false, trustedTable(['headPitch'])).trusted).toBe(true);
  });
});
