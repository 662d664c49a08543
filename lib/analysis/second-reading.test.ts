// Protects the per-second readings of the validation clips: the product's `above`, the protocol's seconds, the majority rule, the fixture format.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABOVE_THRESHOLD, aggregateSecond } from '../cues/aggregate';
import { CUE_NAMES, type FaceCues, type FrameCues } from '../cues/types';
import { BROW_RULES, browTruth, CLIP_CUES, FIELD_RULES, packClip, readSeconds, secondOf, unpackClip, type ClipFrame, type PackedClip } from './second-reading';

const fixture = (clip: string): PackedClip =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../test/fixtures/research/cues-${clip}.json`), 'utf8')) as PackedClip;
const cap12 = unpackClip(fixture('cap12'));
const franck = unpackClip(fixture('franck'));

/** A product frame carrying the clip frame's cues (the others 0), for `aggregateSecond`. */
const asFrame = (c: ClipFrame): FrameCues => ({
  faces: c ? 1 : 0, quality: 1, qualityIssue: null,
  cues: c ? ({ ...(Object.fromEntries(CUE_NAMES.map((n) => [n, 0])) as FaceCues), ...c }) : null,
});

describe('readSeconds on the recorded clips (test/fixtures/research)', () => {
  it('splits frames into the protocol seconds: cap12 has 1337 frames at 25 fps, 54 seconds, 12 in the last', () => {
    expect(cap12).toHaveLength(1337);
    const r = readSeconds(cap12, 25, FIELD_RULES.gaze);
    expect(r.size).toBe(54);
    expect(r.get(53)!.frames).toBe(12);
    expect(secondOf(24, 24)).toBe(1);
    expect(secondOf(23, 24)).toBe(0);
  });

  it("gives each second the same share as the product's aggregateSecond `above`", () => {
    for (const field of ['gaze', 'mouth', 'smile', 'eyes'] as const) {
      const cue = { gaze: 'gazeAtCamera', mouth: 'mouthOpen', smile: 'smile', eyes: 'eyesClosed' }[field] as keyof FaceCues;
      const r = readSeconds(franck, 24, FIELD_RULES[field]);
      for (const s of [0, 45, 120, 199]) {
        const agg = aggregateSecond(s, franck.slice(s * 24, s * 24 + 24).map(asFrame), 0);
        expect(r.get(s)!.share).toBeCloseTo(agg.cues![cue].above, 12);
        expect(r.get(s)!.score).toBeCloseTo(agg.cues![cue].mean, 12);
      }
    }
  });

  it('reads a second as the positive word only with more than half its face frames past the line', () => {
    const at = CLIP_CUES.reduce((o, k) => ({ ...o, [k]: 0 }), {}) as NonNullable<ClipFrame>;
    const half: ClipFrame[] = [{ ...at, gazeAtCamera: 1 }, { ...at, gazeAtCamera: 0 }, null];
    const r = readSeconds(half, 3, FIELD_RULES.gaze).get(0)!;
    expect(r).toMatchObject({ frames: 3, faceFrames: 2, share: 0.5, word: 'away' });
    expect(readSeconds([null, null], 2, FIELD_RULES.gaze).get(0)!.word).toBeNull();
  });

  it('reads a head turned when either yaw or pitch passes 20°', () => {
    const f = CLIP_CUES.reduce((o, k) => ({ ...o, [k]: 0 }), {}) as NonNullable<ClipFrame>;
    expect(FIELD_RULES.head.frame({ ...f, headPitch: -21 })).toBe(true);
    expect(FIELD_RULES.head.frame({ ...f, headYaw: 19.9, headPitch: 19.9 })).toBe(false);
  });
});

describe('packClip / unpackClip', () => {
  it('round-trips the fixture and refuses other columns', () => {
    const p = fixture('cap13');
    expect(packClip(p.fps, unpackClip(p))).toEqual(p);
    expect(() => unpackClip({ ...p, cues: ['smile'] })).toThrow(/columns/);
  });
});

describe('brow cues against the brows field', () => {
  it('reads each brow cue as its own word against every other definite word', () => {
    const brows = new Map([[0, 'raised'], [1, 'neutral'], [2, 'drawn']]);
    expect(browTruth(brows, BROW_RULES.browRaise)).toEqual(new Map([[0, 'raised'], [1, 'not raised'], [2, 'not raised']]));
    expect(browTruth(brows, BROW_RULES.browFurrow)).toEqual(new Map([[0, 'not drawn'], [1, 'not drawn'], [2, 'drawn']]));
  });

  it('uses the shipped lines, strictly above', () => {
    const f = { gazeAtCamera: 1, mouthOpen: 0, smile: 0, eyesClosed: 0, headYaw: 0, headPitch: 0, browRaise: ABOVE_THRESHOLD.browRaise, browFurrow: ABOVE_THRESHOLD.browFurrow + 0.01 };
    expect(BROW_RULES.browRaise.frame(f)).toBe(false);
    expect(BROW_RULES.browFurrow.frame(f)).toBe(true);
  });
});
