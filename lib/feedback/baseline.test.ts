// Protects the personal baseline on real recordings: a baseline from the first 10 s of a clip maps
// the person's resting face to ~0 for the rest of the clip, keeps the order of their own movements,
// removes the head-pose offset of their camera, and refuses calibrations that did not see the face.
import { describe, expect, it } from 'vitest';
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import { CUE_NAMES } from '../cues/types';
import { MAD_TO_SIGMA, NOISE_K } from './person-rule';
import {
  BASELINE_VERSION, computeBaseline, isBaseline, normalise, normaliseFrame, parseBaseline, POSE_CUES, REST_CUES,
  type Baseline,
} from './baseline';
import { aggregate, recordedClip, still, type ClipName } from './testing/recorded';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Baseline from the clip's first 10 s; the remaining frames raw and normalised. */
function calibrate(name: ClipName) {
  const { frames } = recordedClip(name);
  const cal = frames.filter((f) => f.ts < 10_000);
  const b = computeBaseline(cal.map((f) => f.cues));
  if (!isBaseline(b)) throw new Error(b.error);
  const rest = frames.filter((f) => f.ts >= 10_000);
  const norm = rest.map((f) => ({ ts: f.ts, cues: normaliseFrame(f.cues, b) }));
  return { b, cal, rest, norm };
}

describe.each(['cap12_edit', 'cap13_edit2'] as const)('baseline from the first 10 s of %s', (name) => {
  const { b, cal, rest, norm } = calibrate(name);

  it('uses all 100 calibration frames (the face is clear throughout) and is versioned', () => {
    expect(cal).toHaveLength(100);
    expect(b).toMatchObject({ version: BASELINE_VERSION, frames: 100, used: 100 });
  });

  // In both clips the head reads ~9° tilted up at rest (a camera below eye level, or simply how
  // this person holds their head for it). Either way it is this set-up's rest, not a movement.
  it('finds the resting head pose of the set-up', () => {
    expect(b.pose.headPitch.median).toBeGreaterThan(8);
    expect(b.pose.headPitch.median).toBeLessThan(11);
    expect(Math.abs(b.pose.headYaw.median)).toBeLessThan(5);
    expect(b.pose.headPitch.spread).toBeLessThan(1);
  });

  it('keeps resting expression values low, even though cap12 smiles and raises its brows within those 10 s', () => {
    expect(b.rest.smile.median).toBeLessThan(0.01);
    expect(b.rest.browFurrow.median).toBeLessThan(0.02);
    expect(b.rest.browRaise.median).toBeGreaterThan(0.05); // these brows rest visibly above 0: what normalising is for
    expect(b.rest.browRaise.median).toBeLessThan(0.2);
  });

  it('maps the resting face of the rest of the clip to ~0 (eyes are read as measured)', () => {
    for (const n of REST_CUES.filter((c) => c !== 'eyesClosed')) {
      const raw = median(rest.map((f) => f.cues.cues![n]));
      const normed = median(norm.map((f) => f.cues.cues![n]));
      expect(normed).toBeLessThanOrEqual(raw);
      expect(normed).toBeLessThan(0.08);
    }
    // The pose medians go from ~9–11° to within a few degrees of 0.
    expect(median(rest.map((f) => f.cues.cues!.headPitch))).toBeGreaterThan(8);
    expect(Math.abs(median(norm.map((f) => f.cues.cues!.headPitch)))).toBeLessThan(2.5);
    expect(Math.abs(median(norm.map((f) => f.cues.cues!.headYaw)))).toBeLessThan(1);
  });

  it("keeps the order of the clip's own readings per cue (ties only where both sit at or below rest)", () => {
    for (const n of REST_CUES) {
      const r = b.rest[n].median;
      const pairs = rest.map((f, i) => [f.cues.cues![n], norm[i]!.cues.cues![n]] as const).sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < pairs.length; i++) {
        const [rawA, a] = pairs[i - 1]!, [rawB, bb] = pairs[i]!;
        expect(bb).toBeGreaterThanOrEqual(a);
        if (rawA > r && rawB > rawA) expect(bb).toBeGreaterThan(a);
      }
    }
  });

  it('still shows the real movements: talking opens the mouth past its line, brows still lift', () => {
    const max = (n: (typeof REST_CUES)[number]) => Math.max(...norm.map((f) => f.cues.cues![n]));
    expect(max('mouthOpen')).toBeGreaterThan(ABOVE_THRESHOLD.mouthOpen);
    expect(max('browRaise')).toBeGreaterThan(0.3);
  });

  it('subtracts the pose offsets exactly and leaves roll, gaze and framing as measured', () => {
    rest.forEach((f, i) => {
      const raw = f.cues.cues!, n = norm[i]!.cues.cues!;
      for (const p of POSE_CUES) expect(n[p]).toBeCloseTo(raw[p] - b.pose[p].median, 10);
      for (const same of ['headRoll', 'gazeAtCamera', 'faceCentered', 'faceSize'] as const) expect(n[same]).toBe(raw[same]);
      expect(norm[i]!.cues.quality).toBe(f.cues.quality);
    });
  });

  it('aggregates normalised frames like raw ones: same seconds, same blinks', () => {
    const raw = aggregate(rest), normed = aggregate(norm);
    expect(normed).toHaveLength(raw.length);
    expect(normed.reduce((s, a) => s + a.blinks, 0)).toBe(raw.reduce((s, a) => s + a.blinks, 0));
  });
});

describe('normalise', () => {
  it('takes the head-tipped second of cap12 (pitch ~24°) below the 20° "head tilted" line once the offset is removed', () => {
    const { rest, norm } = calibrate('cap12_edit');
    const tipped = (secs: ReturnType<typeof aggregate>) => secs.filter((a) => a.cues!.headPitch.above > 0).map((a) => a.t + 10);
    expect(tipped(aggregate(rest))).toEqual([24]);
    expect(tipped(aggregate(norm))).toEqual([]);
  });

  it('is the identity without a baseline (the UI shows "not calibrated")', () => {
    const cues = recordedClip('cap13_edit2').frames[150]!.cues.cues!;
    const out = normalise(cues, null);
    expect(out).toEqual(cues);
    expect(out).not.toBe(cues);
  });

  // person-rule: a cue reaches its usual line when it rises a full line above this person's rest
  // (the rest window of cap13 is still, so the noise term is below the line and the line is the floor).
  it('crosses the usual line exactly one line above rest, reads 0 at or below rest', () => {
    const { b } = calibrate('cap13_edit2');
    const cues = { ...recordedClip('cap13_edit2').frames[0]!.cues.cues! };
    const r = b.rest.browRaise.median, line = ABOVE_THRESHOLD.browRaise;
    expect(NOISE_K * MAD_TO_SIGMA * b.rest.browRaise.spread).toBeLessThan(line);
    expect(normalise({ ...cues, browRaise: r }, b).browRaise).toBe(0);
    expect(normalise({ ...cues, browRaise: r / 2 }, b).browRaise).toBe(0);
    expect(normalise({ ...cues, browRaise: r + line }, b).browRaise).toBeCloseTo(line, 10);
    expect(normalise({ ...cues, browRaise: r + line / 2 }, b).browRaise).toBeCloseTo(line / 2, 10);
  });

  it('needs a noisy rest window to be cleared by K·σ, not just by the line', () => {
    const { b } = calibrate('cap13_edit2');
    const cues = { ...recordedClip('cap13_edit2').frames[0]!.cues.cues! };
    const noisy: Baseline = { ...b, rest: { ...b.rest, browFurrow: { median: 0.1, spread: 0.1 } } };
    const need = NOISE_K * MAD_TO_SIGMA * 0.1; // ≈ 0.74, above the 0.4 line
    expect(normalise({ ...cues, browFurrow: 0.1 + 0.5 }, noisy).browFurrow).toBeLessThan(ABOVE_THRESHOLD.browFurrow);
    expect(normalise({ ...cues, browFurrow: 0.1 + need + 0.01 }, noisy).browFurrow).toBeGreaterThan(ABOVE_THRESHOLD.browFurrow);
  });

  it('leaves eyesClosed as measured, so the blink counter reads the raw lids', () => {
    const { b } = calibrate('cap13_edit2');
    const cues = recordedClip('cap13_edit2').frames[40]!.cues.cues!;
    expect(normalise(cues, b).eyesClosed).toBe(cues.eyesClosed);
  });

  it('leaves a frame without a face without cues', () => {
    const { b } = calibrate('cap12_edit');
    expect(normaliseFrame(still('C/no_face/coffee.png'), b).cues).toBeNull();
  });

  // A real person whose brows read as drawn together at rest (0.8 in a recorded still): with their
  // own baseline the same reading is 0, so feedback does not keep telling them to relax their brows.
  it('makes a low resting brow read as rest', () => {
    const face = still('A/pd/obama_small.jpg');
    expect(face.cues!.browFurrow).toBeGreaterThan(0.75);
    // The photo smiles; a calibration is a relaxed mouth, so the smile is taken out of the copies.
    const b = computeBaseline(Array.from({ length: 30 }, () => ({ ...face, cues: { ...face.cues!, smile: 0.02 } })));
    expect(isBaseline(b)).toBe(true);
    expect(normalise(face.cues!, b as Baseline).browFurrow).toBe(0);
  });

  it('never divides by ~0: a cue held still near 1 during calibration gives finite readings', () => {
    const { b } = calibrate('cap12_edit');
    const held: Baseline = { ...b, rest: { ...b.rest, browRaise: { median: 0.99, spread: 0 } } };
    const cues = recordedClip('cap12_edit').frames[200]!.cues.cues!;
    expect(normalise({ ...cues, browRaise: 0.95 }, held).browRaise).toBe(0);
    expect(normalise({ ...cues, browRaise: 1 }, held).browRaise).toBeCloseTo(ABOVE_THRESHOLD.browRaise * (0.01 / ABOVE_THRESHOLD.browRaise), 10);
    for (const n of CUE_NAMES) expect(Number.isFinite(normalise(cues, held)[n])).toBe(true);
  });
});

describe('computeBaseline refuses calibrations that did not see the face', () => {
  const clip = recordedClip('cap13_edit2').frames.map((f) => f.cues);
  const dark = still('C/dark_backlit/backlit_london004_neutral.jpg');
  const none = still('C/no_face/coffee.png');

  it('needs at least 20 good frames', () => {
    const r = computeBaseline([...clip.slice(0, 19), ...Array.from({ length: 5 }, () => dark)]);
    expect(isBaseline(r)).toBe(false);
    expect(r).toMatchObject({ good: 19, total: 24 });
    expect((r as { error: string }).error).toMatch(/^Too few frames where your face was clearly visible \(19 of 24\)\. Mostly: too dark/);
  });

  it('needs at least 60% of the frames to be good', () => {
    const r = computeBaseline([...clip.slice(0, 50), ...Array.from({ length: 40 }, () => dark), ...Array.from({ length: 10 }, () => none)]);
    expect(r).toMatchObject({ good: 50, total: 100 });
    expect((r as { error: string }).error).toContain('Mostly: too dark — add light in front of you.');
  });

  it('accepts 60% good frames and takes its values from those frames only', () => {
    const good = clip.slice(0, 60);
    const r = computeBaseline([...good, ...Array.from({ length: 40 }, () => dark)]);
    expect(isBaseline(r)).toBe(true);
    expect(r).toMatchObject({ frames: 100, used: 60 });
    expect((r as Baseline).rest).toEqual((computeBaseline(good) as Baseline).rest);
  });

  it('says so for an empty calibration', () => {
    expect(computeBaseline([])).toMatchObject({ good: 0, total: 0 });
  });
});

describe('parseBaseline', () => {
  const { b } = calibrate('cap12_edit');

  it('reads back a stored baseline', () => {
    expect(parseBaseline(JSON.parse(JSON.stringify(b)))).toEqual(b);
  });

  it('reads anything else as not calibrated', () => {
    expect(parseBaseline(null)).toBeNull();
    expect(parseBaseline('x')).toBeNull();
    expect(parseBaseline({ ...b, version: BASELINE_VERSION + 1 })).toBeNull();
    expect(parseBaseline({ ...b, rest: { ...b.rest, smile: { median: 'a', spread: 0 } } })).toBeNull();
    expect(parseBaseline({ ...b, pose: {} })).toBeNull();
    expect(parseBaseline({ ...b, gaze: undefined })).toBeNull();
  });
});

describe('computeBaseline refuses a calibration during which the person smiled', () => {
  const clip = recordedClip('cap13_edit2').frames.map((f) => f.cues);
  const withSmile = (f: (typeof clip)[number], smile: number) => ({ ...f, cues: f.cues && { ...f.cues, smile } });

  it('says the mouth moved when a smile spreads through the window (its noise would hide every later smile)', () => {
    const cal = clip.slice(0, 100).map((f, i) => withSmile(f, (0.6 * i) / 99));
    const b = computeBaseline(cal);
    expect(isBaseline(b)).toBe(false);
    expect(b).toMatchObject({ smiled: true, issue: null, good: 100, total: 100 });
    expect((b as { error: string }).error).toMatch(/mouth moved/);
  });

  it('keeps a relaxed rest when only a third of the window smiles (median and MAD are robust to it)', () => {
    const b = computeBaseline(clip.slice(0, 100).map((f, i) => withSmile(f, i % 3 === 0 ? 0.8 : 0.02)));
    expect(isBaseline(b) && b.rest.smile).toEqual({ median: 0.02, spread: 0 });
  });

  it('accepts a steady reading above the line: some relaxed faces read as smiling, and calibration is for them', () => {
    const b = computeBaseline(clip.slice(0, 100).map((f) => withSmile(f, 0.54)));
    expect(isBaseline(b) && b.rest.smile).toEqual({ median: 0.54, spread: 0 });
  });

  it('accepts the real first 10 s of both clips (a brief smile in cap12 stays inside the noise allowance)', () => {
    expect(isBaseline(computeBaseline(clip.slice(0, 100)))).toBe(true);
    expect(isBaseline(computeBaseline(recordedClip('cap12_edit').frames.slice(0, 100).map((f) => f.cues)))).toBe(true);
  });
});
