/**
 * Tracking quality: how far the cues of a frame can be trusted. It is the product of factors for
 * size, light, contrast, pose and visibility, so any one of them can bring it to zero; the weakest
 * factor is reported as the reason, so feedback can refuse to judge and say why.
 */
import type { FaceObservation } from './observation';
import type { QualityIssue } from './types';
import { ramp } from './math';
import type { HeadPose } from './head-pose';

/** Quality score and its weakest factor. */
export interface Quality {
  score: number;
  issue: QualityIssue | null;
}

/** Below this a factor is named as the issue. */
const ISSUE_BELOW = 0.8;

/** Scores one face; `faceSize` is the face height as a fraction of the frame height. */
export function faceQuality(face: FaceObservation, pose: HeadPose, faceSize: number): Quality {
  const factors: [QualityIssue, number][] = [
    // A face under ~6% of the frame height has too few pixels for the mesh; full trust from ~18%.
    ['tooSmall', ramp(faceSize, 0.06, 0.18)],
    ['tooDark', ramp(face.luma, 0.08, 0.25)],
    ['tooBright', 1 - ramp(face.luma, 0.85, 0.97)],
    ['lowContrast', ramp(face.contrast, 0.02, 0.06)],
    // Blendshapes degrade when the head turns far from the camera.
    ['turnedAway', Math.min(1 - ramp(Math.abs(pose.yaw), 25, 50), 1 - ramp(Math.abs(pose.pitch), 20, 40))],
    ['cutOff', ramp(face.inFrame, 0.8, 0.98)],
  ];
  let score = 1;
  let worst: [QualityIssue, number] | null = null;
  for (const f of factors) {
    score *= f[1];
    if (!worst || f[1] < worst[1]) worst = f;
  }
  return { score, issue: worst && worst[1] < ISSUE_BELOW ? worst[0] : null };
}
