/**
 * Builds the input of the "Cues against labelled truth" section (cue-truth.ts) from recorded research
 * data: each clip frame's shipped cues with the label consensus, the London roll and lens readings,
 * the face-size readings at 15–60 cm and what the photo labels say about brows.
 */
import { ROLL_ANGLES } from '../../../lib/analysis/augment';
import { hasLabel, type LabelRow } from '../../../lib/analysis/groups-labels';
import type { ResearchItem } from '../../../lib/analysis/research';
import { researchFrame } from '../../../lib/analysis/research-frames';
import { CLIP_CUES, type ClipFrame } from '../../../lib/analysis/second-reading';
import { frameCues } from '../../../lib/cues/frame-cues';
import type { CueTruthInput } from './cue-truth';
import type { BrowTruth } from './cue-truth-brows';
import { groupsOf } from './research-data';
import type { LabelledClip } from './smile-calibrated';

/** london.json holds 8 calibration and 4 test views before the roll views (lib/analysis/augment). */
const FIRST_ROLL_VIEW = 12;
const ROTATIONS = ROLL_ANGLES.filter((a) => a !== 0);
/** The distances of the face-size photos (A/webmorph_lisa_zoom/<d>cm.jpg). */
export const DISTANCES = [15, 30, 45, 60];

const cuesOf = (item: ResearchItem | undefined) => (item ? frameCues(researchFrame(item)).cues : null);

/** The clip frames as the section reads them: the shipped cues it compares, null without a face. */
export function clipFrames(items: readonly ResearchItem[]): ClipFrame[] {
  return [...items].sort((a, b) => a.frame! - b.frame!).map((it) => {
    const q = cuesOf(it);
    return q ? (Object.fromEntries(CLIP_CUES.map((k) => [k, q[k]])) as NonNullable<ClipFrame>) : null;
  });
}

/** The section's input; `faceSize` maps a distance in cm to the faceSize cue read at it. */
export function cueTruthInput(london: Record<string, ResearchItem[]>, clips: readonly LabelledClip[], labels: readonly LabelRow[], faceSize: (cm: number) => number | null): CueTruthInput {
  const frames = clips.map((c) => ({ id: c.id, fps: c.fps, frames: clipFrames(c.frames), consensus: c.labels }));
  const studio = labels.filter((l) => l.file.startsWith('A/london/') && london[l.file]);
  const roll = studio.filter((l) => hasLabel(l, 'neutral')).map((l) => ({
    person: l.person, groups: groupsOf(l), base: cuesOf(london[l.file]![0])?.headRoll ?? null,
    rotated: ROTATIONS.map((angle, i) => ({ angle, roll: cuesOf(london[l.file]![FIRST_ROLL_VIEW + i])?.headRoll ?? null })),
  }));
  const lens = studio.map((l) => ({ person: l.person, groups: groupsOf(l), gaze: cuesOf(london[l.file]![0])?.gazeAtCamera ?? null }));
  // A labelled still cut from a validation clip (`A/video_frames/<clip>_t<seconds>.png`) is read from the clip's recording.
  const fromClip = (file: string): BrowTruth['raised'][number]['reading'] => {
    const m = /\/(cap12|cap13|franck)_t([\d.]+)\.png$/.exec(file);
    const clip = m && frames.find((c) => c.id === m[1]);
    if (!clip) return undefined;
    const frame = Math.round(Number(m[2]) * clip.fps);
    const f = clip.frames[frame];
    return f ? { source: `frame ${frame} of the ${clip.id} recording`, browRaise: f.browRaise, browFurrow: f.browFurrow } : undefined;
  };
  const brows: BrowTruth = {
    raised: labels.filter((l) => hasLabel(l, 'brows_raised')).map((l) => ({ file: l.file, qualifier: l.labels.find((x) => x.name === 'brows_raised')!.qualifier, reading: fromClip(l.file) })),
    furrow: labels.filter((l) => l.labels.some((x) => /furrow|frown|brows?_(down|lowered)/i.test(x.name))).map((l) => l.file),
  };
  return { clips: frames, roll, lens, faceSize: DISTANCES.map((d) => ({ distanceCm: d, faceSize: faceSize(d) })), brows };
}
