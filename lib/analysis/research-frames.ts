/**
 * Turns the research recorder's items (`lib/analysis/research`) into the observations the product's
 * cue maths reads, so the bench measures exactly the shipped `frameCues`, not a re-implementation.
 * Pure.
 */
import type { FaceObservation, FrameObservation } from '../cues/observation';
import type { ResearchItem } from './research';

/**
 * The recorder does not measure light inside the face box; the validation material is well lit, so
 * these mid values keep the light factors of tracking quality neutral (they never gate a cue value).
 */
const LUMA = 0.5, CONTRAST = 0.2;

/** One research item as a product observation (width/height only matter for aspect). */
export function researchFrame(item: ResearchItem, width = 1, height = 1): FrameObservation {
  const faces = item.faces.map((f): FaceObservation => {
    const { x, y, w, h } = f.box;
    // Share of the box inside the image: the recorder keeps no landmarks, so the box stands in for them.
    const inside = w > 0 && h > 0 ? ((Math.min(1, x + w) - Math.max(0, x)) * (Math.min(1, y + h) - Math.max(0, y))) / (w * h) : 0;
    return { blendshapes: f.blendshapes, box: f.box, matrix: f.matrix, inFrame: Math.max(0, inside), luma: LUMA, contrast: CONTRAST, geometry: f.geometry };
  });
  return { width, height, faces };
}
