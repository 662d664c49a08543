// Protects the per-frame cues on real recorded MediaPipe output: smile separation, head-pose signs, size, no-face and quality on hard cases, face choice.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameCues, primaryFace } from './frame-cues';
import type { FaceObservation, FrameObservation } from './observation';
import type { FaceCues } from './types';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.SELFVIEW_SHARED ?? resolve(ROOT, '../shared'));
const stills = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>;

/** Rows of the shared labels file: file, its labels, and the person it shows. */
const labels = readFileSync(resolve(SHARED, 'faces/labels.tsv'), 'utf8')
  .trim().split('\n').slice(1)
  .map((line) => line.split('\t'))
  .map(([file, tags, person]) => ({ file: file!, tags: (tags ?? '').split(';'), person: person ?? '' }));
const hasTag = (tags: string[], tag: string): boolean => tags.some((t) => t === tag || t.startsWith(`${tag}(`));

function obs(file: string): FrameObservation {
  const o = stills[file];
  if (!o) throw new Error(`${file} is not in test/fixtures/stills.json`);
  return o;
}
function cuesOf(file: string): FaceCues {
  const c = frameCues(obs(file)).cues;
  if (!c) throw new Error(`no face in ${file}`);
  return c;
}

/** ROC AUC (Mann–Whitney): probability that a positive scores above a negative, ties counting half. */
function auc(pos: number[], neg: number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** The London set: each person's neutral and smiling frontal photo, paired through labels.tsv. */
const londonPairs = (() => {
  const byPerson = new Map<string, { neutral?: string; smiling?: string }>();
  for (const r of labels.filter((l) => /^A\/london\/.*\.jpg$/.test(l.file))) {
    const p = byPerson.get(r.person) ?? {};
    if (hasTag(r.tags, 'neutral')) p.neutral = r.file;
    if (hasTag(r.tags, 'smile')) p.smiling = r.file;
    byPerson.set(r.person, p);
  }
  return [...byPerson].map(([person, p]) => ({ person, neutral: p.neutral!, smiling: p.smiling! }));
})();

describe('smile on the London neutral/smiling pairs', () => {
  it('pairs 73 people, each with both photos recorded', () => {
    expect(londonPairs).toHaveLength(73);
    for (const p of londonPairs) {
      expect(p.neutral).toMatch(/^A\/london\/neutral\/\d{3}_03\.jpg$/);
      expect(p.smiling).toMatch(/^A\/london\/smiling\/\d{3}_08\.jpg$/);
      expect(obs(p.neutral).faces).toHaveLength(1);
      expect(obs(p.smiling).faces).toHaveLength(1);
    }
  });

  it('separates smiling from neutral photos with ROC AUC >= 0.9', () => {
    const value = auc(londonPairs.map((p) => cuesOf(p.smiling).smile), londonPairs.map((p) => cuesOf(p.neutral).smile));
    console.log(`smile ROC AUC over ${londonPairs.length} London pairs: ${value.toFixed(3)}`);
    expect(value).toBeGreaterThanOrEqual(0.9);
  });

  it("scores every person's smile above their own neutral face", () => {
    const below = londonPairs.filter((p) => cuesOf(p.smiling).smile <= cuesOf(p.neutral).smile).map((p) => p.person);
    expect(below).toEqual([]);
  });
});

describe('head pose on labelled photos', () => {
  // The yaw convention (+ = face turned toward image-right) is checked against MediaPipe's own
  // landmark geometry in head-pose.test.ts. In cap12_t20 the nose sits left of the face contour's
  // centre and the image-right ear shows more than in the frontal cap12_t1: the face is turned
  // toward image-LEFT. (labels.tsv says "toward image-right", which describes a mirrored view.)
  it('gives cap12_t20 (head turned ~15°) a yaw of 5–25° toward image-left, unlike the frontal cap12_t1', () => {
    const turned = cuesOf('A/video_frames/cap12_t20.0.png').headYaw;
    const frontal = cuesOf('A/video_frames/cap12_t1.0.png').headYaw;
    expect(turned).toBeLessThan(-5);
    expect(turned).toBeGreaterThan(-25);
    expect(Math.abs(frontal)).toBeLessThan(5);
  });

  it('gives obama2 (face turned toward image-left, his left ear in view) a negative yaw', () => {
    expect(cuesOf('A/pd/obama2.jpg').headYaw).toBeLessThan(-5);
  });

  it('gives cap12_t24.5 (head tipped up) a positive pitch above the frontal frame of the same clip', () => {
    const up = cuesOf('A/video_frames/cap12_t24.5.png').headPitch;
    expect(up).toBeGreaterThan(15);
    expect(up).toBeGreaterThan(cuesOf('A/video_frames/cap12_t1.0.png').headPitch + 10);
  });

  it('measures the roll of lisa3 (head tilted) and not of the frontal lisa4', () => {
    expect(Math.abs(cuesOf('A/webmorph_lisa_zoom/lisa3.jpg').headRoll)).toBeGreaterThan(10);
    expect(Math.abs(cuesOf('A/webmorph_lisa_zoom/lisa4.jpg').headRoll)).toBeLessThan(5);
  });
});

describe('face size', () => {
  it('shrinks as the same person moves from 15 cm to 60 cm', () => {
    const sizes = ['15cm', '30cm', '45cm', '60cm'].map((d) => cuesOf(`A/webmorph_lisa_zoom/${d}.jpg`).faceSize);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]!);
  });
});

describe('photos without a face and with several', () => {
  const noFace = labels.filter((l) => hasTag(l.tags, 'no_face')).map((l) => l.file);
  const multi = labels.filter((l) => hasTag(l.tags, 'multi_face')).map((l) => l.file);

  it('reports no face, quality 0 and no cues for every no_face photo', () => {
    expect(noFace.length).toBeGreaterThanOrEqual(5);
    for (const file of noFace) expect(frameCues(obs(file)), file).toEqual({ faces: 0, quality: 0, qualityIssue: 'noFace', cues: null });
  });

  it('counts at least two faces in every multi_face photo', () => {
    expect(multi.length).toBeGreaterThanOrEqual(3);
    for (const file of multi) expect(frameCues(obs(file)).faces, file).toBeGreaterThanOrEqual(2);
  });
});

describe('quality', () => {
  const hard = Object.keys(stills).filter((f) => f.startsWith('C/tiny/') || f.startsWith('C/dark_backlit/'));

  // obama-240p.jpg is excluded: see the next test.
  it('is low (< 0.5) on the tiny and dark/backlit hard cases, with the reason named', () => {
    const cases = hard.filter((f) => f !== 'C/tiny/obama-240p.jpg');
    expect(cases.length).toBeGreaterThanOrEqual(8);
    for (const file of cases) {
      const c = frameCues(obs(file));
      expect(c.quality, file).toBeLessThan(0.5);
      const expected = c.faces === 0 ? 'noFace' : file.startsWith('C/tiny/') ? 'tooSmall' : 'tooDark';
      expect(c.qualityIssue, file).toBe(expected);
    }
  });

  // C/tiny/obama-240p.jpg is filed as a small face, but the face is 52×66 px (28% of the frame
  // height), so quality is full; its cues match the same photo at 512×640 (A/pd/obama.jpg), which
  // supports trusting it.
  it('trusts obama-240p, whose cues agree with the full-size copy of the same photo', () => {
    const small = frameCues(obs('C/tiny/obama-240p.jpg'));
    const big = cuesOf('A/pd/obama.jpg');
    expect(small.quality).toBeGreaterThan(0.9);
    for (const name of ['smile', 'browFurrow', 'mouthOpen', 'eyesClosed'] as const) {
      expect(Math.abs(small.cues![name] - big[name]), name).toBeLessThan(0.1);
    }
  });

  it('is high on frontal London photos, which mostly look at the camera', () => {
    const frontal = londonPairs.flatMap((p) => [p.neutral, p.smiling]).map((f) => frameCues(obs(f)));
    const good = frontal.filter((c) => c.quality >= 0.8).length;
    const atCamera = frontal.filter((c) => c.cues!.gazeAtCamera >= 0.5).length;
    expect(good / frontal.length).toBeGreaterThanOrEqual(0.9);
    expect(atCamera / frontal.length).toBeGreaterThanOrEqual(0.9);
  });

  it('does not count obama2 (gaze away) as looking at the camera', () => {
    expect(cuesOf('A/pd/obama2.jpg').gazeAtCamera).toBeLessThan(0.5);
  });
});

describe('primaryFace', () => {
  const children = obs('C/multi_face/mediapipe_two_children.jpeg').faces;
  const area = (f: FaceObservation): number => f.box.w * f.box.h;
  const [larger, smaller] = [...children].sort((a, b) => area(b) - area(a)) as [FaceObservation, FaceObservation];

  it('picks the larger of two similarly central recorded faces, in either order', () => {
    expect(children).toHaveLength(2);
    expect(primaryFace([larger, smaller])).toBe(larger);
    expect(primaryFace([smaller, larger])).toBe(larger);
  });

  it('prefers a nearly-as-large central face over a larger one pushed into the corner', () => {
    const cornered: FaceObservation = { ...larger, box: { ...larger.box, x: 0, y: 0 } };
    expect(area(cornered)).toBeGreaterThan(area(smaller));
    expect(primaryFace([cornered, smaller])).toBe(smaller);
  });

  it('does not let a small central background face take over', () => {
    const user = obs('A/london/neutral/001_03.jpg').faces[0]!;
    const poster = obs('C/multi_face/solvay1927_colorized.jpg').faces[0]!;
    const centredPoster: FaceObservation = { ...poster, box: { ...poster.box, x: 0.5 - poster.box.w / 2, y: 0.5 - poster.box.h / 2 } };
    const offCentreUser: FaceObservation = { ...user, box: { ...user.box, x: 0.05 } };
    expect(primaryFace([centredPoster, offCentreUser])).toBe(offCentreUser);
  });

  it('is undefined for no faces, and frameCues describes the face it picks', () => {
    expect(primaryFace([])).toBeUndefined();
    const c = frameCues(obs('C/multi_face/mediapipe_two_children.jpeg'));
    expect(c.faces).toBe(2);
    expect(c.cues!.faceSize).toBe(larger.box.h);
  });
});
