/** Per-frame cues: picks the user's face among those found and describes its movements. */
import type { FaceObservation, FrameObservation } from './observation';
import type { FrameCues } from './types';
import { headPose } from './head-pose';
import { browFurrow, browRaise, eyeDirection, eyesClosed, mouthOpen, smile } from './expression';
import { faceQuality } from './quality';
import { clamp, ramp } from './math';

/** Gaze within this many degrees of the camera counts fully as "at the camera"; beyond `GAZE_OFF` not at all. */
export const GAZE_ON = 8;
export const GAZE_OFF = 20;

/**
 * The user's face: the largest, with a preference for the centre, so that a passer-by in the
 * background or a face on a poster does not take over.
 */
export function primaryFace(faces: readonly FaceObservation[]): FaceObservation | undefined {
  let best: FaceObservation | undefined;
  let bestScore = -Infinity;
  for (const f of faces) {
    const off = Math.hypot(f.box.x + f.box.w / 2 - 0.5, f.box.y + f.box.h / 2 - 0.5);
    const score = f.box.w * f.box.h * (1 - 0.5 * Math.min(1, off / 0.7));
    if (score > bestScore) [best, bestScore] = [f, score];
  }
  return best;
}

/** Computes the cues of one frame. */
export function frameCues(obs: FrameObservation): FrameCues {
  const face = primaryFace(obs.faces);
  if (!face) return { faces: 0, quality: 0, qualityIssue: 'noFace', cues: null };
  const pose = headPose(face.matrix);
  const eyes = eyeDirection(face.blendshapes);
  const gazeOff = Math.hypot(pose.yaw + eyes.yaw, pose.pitch + eyes.pitch);
  const cx = face.box.x + face.box.w / 2, cy = face.box.y + face.box.h / 2;
  const faceSize = clamp(face.box.h);
  const q = faceQuality(face, pose, faceSize);
  const g = face.geometry;
  return {
    faces: obs.faces.length,
    quality: q.score,
    qualityIssue: q.issue,
    cues: {
      smile: smile(face.blendshapes),
      browRaise: browRaise(face.blendshapes),
      browFurrow: browFurrow(face.blendshapes),
      mouthOpen: mouthOpen(face.blendshapes),
      eyesClosed: eyesClosed(face.blendshapes),
      gazeAtCamera: 1 - ramp(gazeOff, GAZE_ON, GAZE_OFF),
      // 1 when the face centre is in the middle of the frame, 0 at a third of the frame off-centre.
      faceCentered: 1 - ramp(Math.max(Math.abs(cx - 0.5), Math.abs(cy - 0.5)), 0.08, 0.33),
      faceSize,
      headYaw: pose.yaw,
      headPitch: pose.pitch,
      headRoll: pose.roll,
    },
    shape: g ? { mouthWidth: g.mouthWidth, cornerLift: g.cornerLift, eyeOpen: g.eyeOpen } : null,
  };
}
