import { describe, expect, it } from 'vitest';
import { NUDGE_KINDS } from './nudge-config';
import { nudgeCueKeys, nudgeReliability, nudgeTrusted } from './nudge-reliability';
import { trustedTable } from './testing/reliability';

describe('the nudges\' reliability gate', () => {
  it('maps each kind to the cues it reads', () => {
    expect(Object.fromEntries(NUDGE_KINDS.map((k) => [k, nudgeCueKeys(k, false)]))).toEqual({
      framing: ['faceCentered', 'faceSize'], lookAway: ['gazeAtCamera'], browFurrow: ['browFurrow'], lowBlink: ['blinkRate'], noSmile: ['smileUncalibrated'],
    });
    expect(nudgeCueKeys('noSmile', true)).toEqual(['smile']);
  });

  it('lets a kind through only when all its cues are trusted', () => {
    for (const k of NUDGE_KINDS) expect(nudgeTrusted(k, false, trustedTable()), k).toBe(true);
    expect(nudgeTrusted('framing', false, trustedTable(['faceSize']))).toBe(false);
    expect(nudgeReliability('framing', false, trustedTable(['faceSize']))).toMatchObject({ key: 'faceSize', reason: 'notMeasured' });
    expect(nudgeTrusted('lookAway', false, trustedTable(['faceSize']))).toBe(true);
  });

  it('uses the calibrated smile figure only with a baseline', () => {
    const t = trustedTable(['smileUncalibrated']);
    expect(nudgeTrusted('noSmile', false, t)).toBe(false);
    expect(nudgeTrusted('noSmile', true, t)).toBe(true);
  });

  it('with the shipped figures, keeps unmeasured cues from nudging', () => {
    // The seed has only the smile measured; the bench fills in the rest. Either way an unmeasured cue is silent.
    for (const k of NUDGE_KINDS) if (nudgeReliability(k, false).figure === null) expect(nudgeTrusted(k, false), k).toBe(false);
  });
});
