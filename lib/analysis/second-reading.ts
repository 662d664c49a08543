/**
 * What the shipped cues say about each labelled second of a validation clip: per protocol field
 * (test/validation/PROTOCOL.md), the word the product's own line gives each frame, and the word for
 * the whole second. Pure: per-frame cue values in, per-second readings out.
 */
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import type { FaceCues } from '../cues/types';
import type { SecondField } from './validation-labels';

/** The cue values a second's reading needs, for one frame (null: no face found in it). */
export type ClipFrame = Pick<FaceCues, (typeof CLIP_CUES)[number]> | null;

/** Cues kept per frame in the compact clip fixtures, in column order. */
export const CLIP_CUES = ['gazeAtCamera', 'mouthOpen', 'smile', 'eyesClosed', 'headYaw', 'headPitch', 'browRaise', 'browFurrow'] as const;

/** How one protocol field is read from the shipped cues. */
export interface FieldRule {
  field: SecondField | BrowCue;
  /** The protocol word the cue's line stands for, and its opposite. */
  positive: string;
  negative: string;
  /** The shipped line, as text for the report. */
  line: string;
  /** True when the frame is on the positive side of the shipped line (strictly above, as `aggregateSecond`'s `above`). */
  frame(c: NonNullable<ClipFrame>): boolean;
  /** A score that grows toward the positive word, for the threshold-free AUC. */
  score(c: NonNullable<ClipFrame>): number;
}

const T = ABOVE_THRESHOLD;
const turn = (c: NonNullable<ClipFrame>): number => Math.max(Math.abs(c.headYaw), Math.abs(c.headPitch));

/**
 * The rules, one per field. "Turned" joins the two shipped head lines (|yaw| or |pitch| > 20°)
 * because the protocol's `turned` covers both a turn and a tip of roughly 20° or more.
 */
export const FIELD_RULES: Record<SecondField, FieldRule> = {
  gaze: { field: 'gaze', positive: 'at', negative: 'away', line: `gazeAtCamera > ${T.gazeAtCamera}`, frame: (c) => c.gazeAtCamera > T.gazeAtCamera, score: (c) => c.gazeAtCamera },
  mouth: { field: 'mouth', positive: 'open', negative: 'closed', line: `mouthOpen > ${T.mouthOpen}`, frame: (c) => c.mouthOpen > T.mouthOpen, score: (c) => c.mouthOpen },
  smile: { field: 'smile', positive: 'yes', negative: 'no', line: `smile > ${T.smile}`, frame: (c) => c.smile > T.smile, score: (c) => c.smile },
  head: {
    field: 'head', positive: 'turned', negative: 'frontal', line: `|headYaw| > ${T.headYaw}° or |headPitch| > ${T.headPitch}°`,
    frame: (c) => Math.abs(c.headYaw) > T.headYaw || Math.abs(c.headPitch) > T.headPitch, score: turn,
  },
  eyes: { field: 'eyes', positive: 'closed', negative: 'open', line: `eyesClosed > ${T.eyesClosed}`, frame: (c) => c.eyesClosed > T.eyesClosed, score: (c) => c.eyesClosed },
};

/** The brow cues, read against the brows field (raised / drawn / neutral). */
export type BrowCue = 'browRaise' | 'browFurrow';

/** Each brow cue as a yes/no field: its word against every other definite brows word. */
export const BROW_RULES: Record<BrowCue, FieldRule> = {
  browRaise: { field: 'browRaise', positive: 'raised', negative: 'not raised', line: `browRaise > ${T.browRaise}`, frame: (c) => c.browRaise > T.browRaise, score: (c) => c.browRaise },
  browFurrow: { field: 'browFurrow', positive: 'drawn', negative: 'not drawn', line: `browFurrow > ${T.browFurrow}`, frame: (c) => c.browFurrow > T.browFurrow, score: (c) => c.browFurrow },
};

/** The brows consensus as the truth of one brow cue: its own word, or the negative for any other. */
export function browTruth(brows: ReadonlyMap<number, string>, rule: FieldRule): Map<number, string> {
  return new Map([...brows].map(([s, w]) => [s, w === rule.positive ? rule.positive : rule.negative]));
}

/**
 * A second reads as the positive word when more than this share of its face frames is on the
 * positive side of the line. Chosen a priori to mirror the protocol, whose raters write the word
 * that was true "for most (more than half) of that second"; never tuned on the labels.
 */
export const MAJORITY = 0.5;

/** The product's reading of one second for one field. */
export interface SecondReading {
  second: number;
  frames: number;
  faceFrames: number;
  /** Share of face frames on the positive side of the line (`above` of `aggregateSecond`). */
  share: number;
  /** Mean of the rule's score over the face frames. */
  score: number;
  /** The word read, or null when no frame of the second had a face. */
  word: string | null;
}

/** The second a frame belongs to: s ≤ n / fps < s + 1 (PROTOCOL.md). */
export const secondOf = (frame: number, fps: number): number => Math.floor(frame / fps);

/** Reads every second of a clip (frame index = position in `frames`) for one field. */
export function readSeconds(frames: readonly ClipFrame[], fps: number, rule: FieldRule): Map<number, SecondReading> {
  const by = new Map<number, ClipFrame[]>();
  frames.forEach((f, n) => {
    const s = secondOf(n, fps);
    const list = by.get(s);
    if (list) list.push(f);
    else by.set(s, [f]);
  });
  const out = new Map<number, SecondReading>();
  for (const [second, fs] of by) {
    const face = fs.filter((f): f is NonNullable<ClipFrame> => f !== null);
    const share = face.length ? face.filter(rule.frame).length / face.length : NaN;
    const score = face.length ? face.reduce((a, f) => a + rule.score(f), 0) / face.length : NaN;
    const word = face.length ? (share > MAJORITY ? rule.positive : rule.negative) : null;
    out.set(second, { second, frames: fs.length, faceFrames: face.length, share, score, word });
  }
  return out;
}

/** The compact fixture form of a clip's frames: columns `CLIP_CUES`, rows per frame, null for no face. */
export interface PackedClip {
  fps: number;
  cues: string[];
  frames: (number[] | null)[];
}

/** Packs frames for a fixture; scores to 3 decimals, angles to 0.01°. */
export function packClip(fps: number, frames: readonly ClipFrame[]): PackedClip {
  const round = (k: string, v: number): number => (k.startsWith('head') ? Math.round(v * 100) / 100 : Math.round(v * 1000) / 1000);
  return { fps, cues: [...CLIP_CUES], frames: frames.map((f) => (f ? CLIP_CUES.map((k) => round(k, f[k])) : null)) };
}

/** Unpacks a fixture written by `packClip`; throws when its columns are not `CLIP_CUES`. */
export function unpackClip(p: PackedClip): ClipFrame[] {
  if (p.cues.join() !== CLIP_CUES.join()) throw new Error(`clip fixture columns ${p.cues.join()} are not ${CLIP_CUES.join()}`);
  return p.frames.map((row) => (row ? (Object.fromEntries(CLIP_CUES.map((k, i) => [k, row[i]!])) as NonNullable<ClipFrame>) : null));
}
