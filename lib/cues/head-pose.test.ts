// Protects the head-pose angles and their sign conventions (checked against MediaPipe's own landmark geometry).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headPose } from './head-pose';
import type { FrameObservation } from './observation';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.SELFVIEW_SHARED ?? resolve(ROOT, '../shared'));

type M3 = [number, number, number][];
const rad = (d: number): number => (d * Math.PI) / 180;
const mul = (a: M3, b: M3): M3 => a.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0))) as M3;
/** Right-handed rotations about x, y, z (MediaPipe's metric space: x toward image-right, y up, z toward the viewer). */
const rotX = (d: number): M3 => [[1, 0, 0], [0, Math.cos(rad(d)), -Math.sin(rad(d))], [0, Math.sin(rad(d)), Math.cos(rad(d))]];
const rotY = (d: number): M3 => [[Math.cos(rad(d)), 0, Math.sin(rad(d))], [0, 1, 0], [-Math.sin(rad(d)), 0, Math.cos(rad(d))]];
const rotZ = (d: number): M3 => [[Math.cos(rad(d)), -Math.sin(rad(d)), 0], [Math.sin(rad(d)), Math.cos(rad(d)), 0], [0, 0, 1]];

/** 4×4 column-major, as MediaPipe returns it, with a uniform scale and a translation. */
function matrix(r: M3, scale = 1, t: [number, number, number] = [0.5, -2, -40]): number[] {
  const out: number[] = [];
  for (let col = 0; col < 3; col++) out.push(r[0]![col]! * scale, r[1]![col]! * scale, r[2]![col]! * scale, 0);
  out.push(...t, 1);
  return out;
}

describe('headPose on synthetic matrices', () => {
  it('gives zeros for the identity', () => {
    const p = headPose(matrix(rotX(0)));
    expect(p.yaw).toBeCloseTo(0, 10);
    expect(p.pitch).toBeCloseTo(0, 10);
    expect(p.roll).toBeCloseTo(0, 10);
  });

  it('gives zeros when no matrix was produced', () => {
    expect(headPose([])).toEqual({ yaw: 0, pitch: 0, roll: 0 });
    expect(headPose(matrix(rotY(30)).slice(0, 15))).toEqual({ yaw: 0, pitch: 0, roll: 0 });
  });

  // Convention: yaw and roll keep the sign of the raw Y·X·Z Euler angles; pitch is negated, because a
  // positive rotation about x tips the face's forward axis down (−y), and HeadPose counts up as +.
  it.each([10, 30, 60])('recovers a %i° rotation about each single axis, with the documented signs', (d) => {
    const yaw = headPose(matrix(rotY(d)));
    expect(yaw.yaw).toBeCloseTo(d, 6);
    expect(yaw.pitch).toBeCloseTo(0, 6);
    expect(yaw.roll).toBeCloseTo(0, 6);
    const pitch = headPose(matrix(rotX(d)));
    expect(pitch.pitch).toBeCloseTo(-d, 6);
    expect(pitch.yaw).toBeCloseTo(0, 6);
    expect(pitch.roll).toBeCloseTo(0, 6);
    const roll = headPose(matrix(rotZ(d)));
    expect(roll.roll).toBeCloseTo(d, 6);
    expect(roll.yaw).toBeCloseTo(0, 6);
    expect(roll.pitch).toBeCloseTo(0, 6);
  });

  it('decomposes a combined Y·X·Z rotation into its three angles', () => {
    const p = headPose(matrix(mul(mul(rotY(-25), rotX(15)), rotZ(-8))));
    expect(p.yaw).toBeCloseTo(-25, 6);
    expect(p.pitch).toBeCloseTo(-15, 6);
    expect(p.roll).toBeCloseTo(-8, 6);
  });

  it('ignores a uniform scale and the translation', () => {
    const r = mul(mul(rotY(20), rotX(-12)), rotZ(5));
    const plain = headPose(matrix(r));
    const scaled = headPose(matrix(r, 3.7, [12, 30, -90]));
    expect(scaled.yaw).toBeCloseTo(plain.yaw, 6);
    expect(scaled.pitch).toBeCloseTo(plain.pitch, 6);
    expect(scaled.roll).toBeCloseTo(plain.roll, 6);
  });
});

describe('headPose sign conventions against real landmarks', () => {
  // MediaPipe's reference landmarks of business-person.png (image x, y normalised; z = depth, smaller
  // = closer to the camera) and the matrix our engine recorded for the same photo.
  const ref = JSON.parse(readFileSync(resolve(SHARED, 'faces/A/mediapipe_ref/business-person_expected_landmarks.json'), 'utf8')) as { landmarks: [number, number, number][] };
  const stills = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>;
  const photo = stills['A/mediapipe_ref/business-person.png']!;
  const pose = headPose(photo.faces[0]!.matrix);
  const px = ref.landmarks.map(([x, y, z]) => [x * photo.width, y * photo.height, z * photo.width] as const);
  const at = (i: number): readonly [number, number, number] => px[i]!;

  /** Least-squares plane z = a·x + b·y + c through the mesh: a > 0 = image-right side farther away. */
  function depthPlane(): { a: number; b: number } {
    const n = px.length;
    let sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
    for (const [x, y, z] of px) { sxx += x * x; sxy += x * y; syy += y * y; sx += x; sy += y; sxz += x * z; syz += y * z; sz += z; }
    const A = [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]], B = [sxz, syz, sz];
    const det = (m: number[][]): number =>
      m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
    const solve = (i: number): number => det(A.map((row, j) => row.map((v, k) => (k === i ? B[j]! : v)))) / det(A);
    return { a: solve(0), b: solve(1) };
  }

  it('has 478 reference landmarks and a recorded matrix', () => {
    expect(ref.landmarks).toHaveLength(478);
    expect(photo.faces[0]!.matrix).toHaveLength(16);
  });

  it('yaw: + when the face turns toward image-right (image-left cheek nearer, nose right of the contour centre)', () => {
    const noseOffset = at(1)[0] - (at(234)[0] + at(454)[0]) / 2;
    expect(noseOffset).toBeGreaterThan(5);
    expect(depthPlane().a).toBeGreaterThan(0);
    expect(pose.yaw).toBeGreaterThan(2);
  });

  it('pitch: + when the face tilts up (here it tilts down: the lower face is farther away)', () => {
    expect(depthPlane().b).toBeGreaterThan(0);
    expect(at(10)[2]).toBeLessThan(at(152)[2]); // forehead nearer than chin
    expect(pose.pitch).toBeLessThan(-2);
  });

  it('roll: + when the eye line turns counter-clockwise as seen in the image', () => {
    const [ax, ay] = at(33), [bx, by] = at(263);
    const eyeLine = (Math.atan2(-(by - ay), bx - ax) * 180) / Math.PI; // image y points down
    expect(eyeLine).toBeGreaterThan(1);
    expect(pose.roll).toBeGreaterThan(1);
    expect(Math.abs(pose.roll - eyeLine)).toBeLessThan(5);
  });
});
