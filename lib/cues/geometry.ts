/**
 * A few shape measurements of the face, taken from MediaPipe's 478-point mesh in the engine and kept
 * as plain ratios: the mesh itself is dropped right after (nothing here can redraw the face).
 *
 * Every length is divided by the distance between the outer eye corners (inter-ocular distance), and
 * every height is measured across the eye line, so the numbers do not change with distance to the
 * camera or with head roll. They describe movements a person makes relative to their own rest:
 * the mouth widens and its corners rise in a smile, the eyelids close in a blink.
 */

/** A landmark in normalised image coordinates, as MediaPipe returns it. */
export interface Point {
  x: number;
  y: number;
}

/** Shape ratios of one face (see the module comment for the units). */
export interface FaceGeometry {
  /** Mouth corner to mouth corner. */
  mouthWidth: number;
  /** How far the mouth corners sit above the middle of the lips (positive = corners up). */
  cornerLift: number;
  /** Gap between the inner lips. */
  lipGap: number;
  /** Eyelid opening over eye width, mean of both eyes (~0.25–0.35 open, < 0.1 shut). */
  eyeOpen: number;
  /** Brow height above the eye line. */
  browHeight: number;
}

/** Mesh indices (MediaPipe Face Mesh topology). */
const I = {
  eyeOuterR: 33, eyeInnerR: 133, eyeOuterL: 263, eyeInnerL: 362,
  lidUpR: 159, lidLowR: 145, lidUpL: 386, lidLowL: 374,
  mouthR: 61, mouthL: 291, lipUp: 13, lipLow: 14,
  browR: 105, browL: 334,
} as const;

/** Highest index read: a mesh shorter than this has no geometry. */
export const GEOMETRY_MIN_POINTS = 387;

/**
 * Shape ratios of a face mesh, or null when the mesh is too short or degenerate. `width`/`height`
 * are the frame's pixels, so that x and y are measured in the same unit.
 */
export function faceGeometry(points: readonly Point[], width: number, height: number): FaceGeometry | null {
  if (points.length < GEOMETRY_MIN_POINTS || width <= 0 || height <= 0) return null;
  const p = (i: number): Point => ({ x: points[i]!.x * width, y: points[i]!.y * height });
  const r = p(I.eyeOuterR), l = p(I.eyeOuterL);
  const iod = Math.hypot(l.x - r.x, l.y - r.y);
  if (!(iod > 0)) return null;
  // Unit vectors along the eye line and across it (pointing down the face), so roll drops out.
  const ux = (l.x - r.x) / iod, uy = (l.y - r.y) / iod;
  const down = (a: Point): number => (-uy * (a.x - r.x) + ux * (a.y - r.y)) / iod;
  const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y) / iod;
  const mr = p(I.mouthR), ml = p(I.mouthL), up = p(I.lipUp), low = p(I.lipLow);
  const eye = (o: number, i: number, u: number, d: number): number => {
    const w = dist(p(o), p(i));
    return w > 0 ? dist(p(u), p(d)) / w : 0;
  };
  return {
    mouthWidth: dist(mr, ml),
    cornerLift: (down(up) + down(low)) / 2 - (down(mr) + down(ml)) / 2,
    lipGap: dist(up, low),
    eyeOpen: (eye(I.eyeOuterR, I.eyeInnerR, I.lidUpR, I.lidLowR) + eye(I.eyeOuterL, I.eyeInnerL, I.lidUpL, I.lidLowL)) / 2,
    browHeight: -(down(p(I.browR)) + down(p(I.browL))) / 2,
  };
}
