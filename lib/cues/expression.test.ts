// Protects the expression scores (bounded 0..1 on all real faces, ordered on labelled ones) and the eye-direction sign convention.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browFurrow, browRaise, eyeDirection, eyesClosed, mouthOpen, smile } from './expression';
import { headPose } from './head-pose';
import { USED_BLENDSHAPES, type FaceObservation, type FrameObservation } from './observation';

const ROOT = resolve(import.meta.dirname, '../..');
const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures', name), 'utf8')) as T;
const stills = read<Record<string, FrameObservation>>('stills.json');
const clips = ['clip-cap12_edit.json', 'clip-cap13_edit2.json'].map((n) => read<{ ts: number; observation: FrameObservation }[]>(n));

const face = (file: string): FaceObservation => {
  const f = stills[file]?.faces[0];
  if (!f) throw new Error(`no recorded face for ${file}`);
  return f;
};
/** Every face the model found in every recorded photo and clip frame. */
const allFaces: { where: string; face: FaceObservation }[] = [
  ...Object.entries(stills).flatMap(([file, o]) => o.faces.map((f, i) => ({ where: `${file}#${i}`, face: f }))),
  ...clips.flatMap((frames, c) => frames.flatMap((fr) => fr.observation.faces.map((f) => ({ where: `clip${c}@${fr.ts}`, face: f })))),
];

describe('expression scores', () => {
  it('stay within 0..1 on every recorded face', () => {
    expect(allFaces.length).toBeGreaterThan(1000);
    for (const { where, face: f } of allFaces) {
      for (const [name, fn] of Object.entries({ smile, browRaise, browFurrow, mouthOpen, eyesClosed })) {
        const v = fn(f.blendshapes);
        expect(v, `${name} ${where}`).toBeGreaterThanOrEqual(0);
        expect(v, `${name} ${where}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('stay within 0..1 when every blendshape saturates', () => {
    const all1 = Object.fromEntries(USED_BLENDSHAPES.map((n) => [n, 1]));
    for (const fn of [smile, browRaise, browFurrow, mouthOpen, eyesClosed]) expect(fn(all1)).toBeLessThanOrEqual(1);
    expect(smile(all1)).toBe(1);
  });

  it('count missing blendshapes as 0', () => {
    expect(smile({})).toBe(0);
    expect(mouthOpen({})).toBe(0);
    const e = eyeDirection({});
    expect(Math.abs(e.yaw) + Math.abs(e.pitch)).toBe(0);
  });

  it('order mouthOpen as labelled: wide jaw drop > slightly open while talking > closed', () => {
    const wide = mouthOpen(face('A/video_frames/cap13_t18.25.png').blendshapes);
    const talking = mouthOpen(face('A/video_frames/cap13_t5.0.png').blendshapes);
    const closed = mouthOpen(face('A/video_frames/cap12_t1.0.png').blendshapes);
    expect(wide).toBeGreaterThan(0.5);
    expect(wide).toBeGreaterThan(talking);
    expect(talking).toBeGreaterThan(closed + 0.1);
  });

  it('score the eyes closed in a recorded blink frame and open in the rest of the clip', () => {
    const frames = clips[0]!;
    const blink = frames.find((f) => f.ts === 25600)!;
    const values = frames.map((f) => eyesClosed(f.observation.faces[0]!.blendshapes)).sort((a, b) => a - b);
    expect(eyesClosed(blink.observation.faces[0]!.blendshapes)).toBeGreaterThan(0.5);
    expect(values[Math.floor(values.length / 2)]).toBeLessThan(0.2);
  });
});

describe('eyeDirection', () => {
  it('is bounded to ±30° yaw and ±25° pitch on every recorded face', () => {
    for (const { where, face: f } of allFaces) {
      const e = eyeDirection(f.blendshapes);
      expect(Math.abs(e.yaw), where).toBeLessThanOrEqual(30);
      expect(Math.abs(e.pitch), where).toBeLessThanOrEqual(25);
    }
  });

  // Convention: yaw + toward image-right, pitch + up. In obama2 both pupils sit in the image-left
  // corners of the eyes (MediaPipe's iris landmarks agree), with the head also turned that way.
  it('gives negative yaw for eyes looking toward image-left (obama2)', () => {
    expect(eyeDirection(face('A/pd/obama2.jpg').blendshapes).yaw).toBeLessThan(-5);
  });

  // A webcam user who turns or tips the head keeps the eyes on the screen: the eyes rotate the other way.
  it('turns the eyes against the head when the head turns (cap12_t20) or tips up (cap12_t24.5)', () => {
    const turned = face('A/video_frames/cap12_t20.0.png');
    expect(headPose(turned.matrix).yaw).toBeLessThan(-5);
    expect(eyeDirection(turned.blendshapes).yaw).toBeGreaterThan(5);
    const up = face('A/video_frames/cap12_t24.5.png');
    expect(headPose(up.matrix).pitch).toBeGreaterThan(15);
    expect(eyeDirection(up.blendshapes).pitch).toBeLessThan(-5);
  });
});
