/**
 * The personal baseline: what this person's face reads as at rest, taken from a short calibration
 * ("look at the camera with a relaxed face", ~10 s). Faces differ at rest — some brows sit low,
 * some mouths turn up, a camera above the screen tilts every reading of the head — so feedback
 * compares a person with their own resting face, not with an average one.
 *
 * Pure: frames in, plain data out; the caller stores the baseline (it carries a version).
 */
import type { CueName, FaceCues, FaceShape, FrameCues, QualityIssue } from '../cues/types';
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import { clamp } from '../cues/math';
import { excess, MAD_TO_SIGMA, NOISE_K, smileExcess } from './person-rule';
import { QUALITY_ISSUE_TEXT } from '../labels';
import { QUALITY_THRESHOLD } from './quality-gate';

/** Bumped whenever the stored shape or its meaning changes; an older stored baseline reads as none. */
export const BASELINE_VERSION = 2;

/** 0..1 expression cues measured from the resting face; each is judged against its own rest. */
export const REST_CUES = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed'] as const satisfies readonly CueName[];
/** Head angles (degrees) whose resting value is an offset of this person and camera; it is subtracted. */
export const POSE_CUES = ['headYaw', 'headPitch'] as const satisfies readonly CueName[];

export type RestCue = (typeof REST_CUES)[number];
export type PoseCue = (typeof POSE_CUES)[number];

/** One cue at rest: its median over the good calibration frames and the spread around it. */
export interface CueRest {
  median: number;
  /** Median absolute deviation from the median: how still the cue was during calibration. */
  spread: number;
}

/** A person's resting face. Plain JSON, safe to store. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** Frames offered and frames used (good quality, face found). */
  frames: number;
  used: number;
  /** Resting values of the expression cues. */
  rest: Record<RestCue, CueRest>;
  /** Resting head pose (degrees), subtracted from later readings. */
  pose: Record<PoseCue, CueRest>;
  /**
   * How much the gaze read as "at the camera" while the person was asked to look at it. Not used to
   * correct anything (see `normalise`); a low median says the gaze cue is unreliable for this set-up.
   */
  gaze: CueRest;
  /** Resting shape ratios (mouth width, corner lift), or null when the calibration frames had none. */
  shape: Record<ShapeRest, CueRest> | null;
}

/** Shape ratios whose resting value the smile rule compares with. */
export const SHAPE_RESTS = ['mouthWidth', 'cornerLift'] as const satisfies readonly (keyof FaceShape)[];
export type ShapeRest = (typeof SHAPE_RESTS)[number];

/**
 * Why no baseline could be made, with the counts behind it. `error` is the English sentence; pages
 * word it in the user's language from `good`, `total` and `issue` (lib/i18n `calibrationErrorText`).
 */
export interface BaselineError {
  error: string;
  good: number;
  total: number;
  /** The most frequent quality issue of the frames that did not count, if any had one. */
  issue: QualityIssue | null;
  /** Set when the face was seen but the mouth was not at rest (a smile or speech during calibration). */
  smiled?: true;
}

/** Said when the smile moved during calibration (pages word it via `calibration.smiled`). */
export const SMILED_TEXT = 'Your mouth moved during calibration (a smile, or talking), so your resting face could not be measured. Keep a relaxed, closed mouth for the 10 seconds and try again.';

/**
 * A rest window whose smile noise (K·σ) is wider than the population line would hide every later
 * smile: the person smiled or talked while calibrating. On the labelled franck clip, calibrating over
 * a window with 4 smiling seconds did exactly that (10% of his later smiles seen instead of 100%;
 * bench "Smile after calibration"), so it is refused. A steady reading is accepted whatever its level:
 * two neutral London faces read above the line at rest, and they are who calibration is for.
 */
function smiledDuringCalibration(smile: CueRest): boolean {
  return NOISE_K * MAD_TO_SIGMA * smile.spread > ABOVE_THRESHOLD.smile;
}

/** Calibration requirements (defaults in `CALIBRATION`). */
export interface CalibrationOptions {
  /** Per-frame quality needed for a frame to count. */
  threshold: number;
  /** At least this many good frames: ~2 s at 10 fps, so one long blink or a glance cannot dominate a median. */
  minFrames: number;
  /** At least this share of all frames must be good: otherwise the "rest" was mostly unseen. */
  minShare: number;
}

export const CALIBRATION: CalibrationOptions = { threshold: QUALITY_THRESHOLD, minFrames: 20, minShare: 0.6 };

/** What the UI shows while no baseline is in use (English; pages show `calibration.notCalibrated`). */
export const NOT_CALIBRATED_TEXT = 'Not calibrated — readings are compared with a general resting face, not yours.';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function rest(xs: readonly number[]): CueRest {
  const m = median(xs);
  return { median: m, spread: median(xs.map((x) => Math.abs(x - m))) };
}

/** Builds a baseline from the calibration frames, or says why it cannot. */
export function computeBaseline(frames: readonly FrameCues[], options: Partial<CalibrationOptions> = {}): Baseline | BaselineError {
  const o = { ...CALIBRATION, ...options };
  const isGood = (f: FrameCues): boolean => f.cues !== null && f.quality >= o.threshold;
  const good = frames.filter(isGood);
  if (good.length < o.minFrames || good.length < o.minShare * frames.length) {
    const issues = new Map<QualityIssue, number>();
    for (const f of frames) if (!isGood(f) && f.qualityIssue) issues.set(f.qualityIssue, (issues.get(f.qualityIssue) ?? 0) + 1);
    const top = [...issues].sort((a, b) => b[1] - a[1])[0];
    const hint = top ? ` Mostly: ${QUALITY_ISSUE_TEXT[top[0]].toLowerCase()}.` : '';
    return {
      error: `Too few frames where your face was clearly visible (${good.length} of ${frames.length}).${hint} Look at the camera in good light and try again.`,
      good: good.length,
      total: frames.length,
      issue: top ? top[0] : null,
    };
  }
  const values = (n: CueName): number[] => good.map((f) => f.cues![n]);
  const smile = rest(values('smile'));
  if (smiledDuringCalibration(smile)) return { error: SMILED_TEXT, good: good.length, total: frames.length, issue: null, smiled: true };
  const shaped = good.filter((f) => f.shape);
  return {
    version: BASELINE_VERSION,
    frames: frames.length,
    used: good.length,
    rest: Object.fromEntries(REST_CUES.map((n) => [n, rest(values(n))])) as Record<RestCue, CueRest>,
    pose: Object.fromEntries(POSE_CUES.map((n) => [n, rest(values(n))])) as Record<PoseCue, CueRest>,
    gaze: rest(values('gazeAtCamera')),
    // Only when most good frames had a mesh: a rest taken from a handful of frames would be noise.
    shape: shaped.length >= o.minShare * good.length
      ? (Object.fromEntries(SHAPE_RESTS.map((n) => [n, rest(shaped.map((f) => f.shape![n]))])) as Record<ShapeRest, CueRest>)
      : null,
  };
}

/** True for a result of `computeBaseline` that is a baseline. */
export const isBaseline = (b: Baseline | BaselineError): b is Baseline => !('error' in b);

const isRest = (v: unknown): v is CueRest =>
  typeof v === 'object' && v !== null && Number.isFinite((v as CueRest).median) && Number.isFinite((v as CueRest).spread);

/**
 * A stored baseline, checked: anything of another version or shape reads as null (not calibrated),
 * so a hand-edited or outdated value never shifts the readings.
 */
export function parseBaseline(stored: unknown): Baseline | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const b = stored as Partial<Baseline>;
  if (b.version !== BASELINE_VERSION || !Number.isFinite(b.frames) || !Number.isFinite(b.used)) return null;
  if (!b.rest || !REST_CUES.every((n) => isRest(b.rest![n]))) return null;
  if (!b.pose || !POSE_CUES.every((n) => isRest(b.pose![n]))) return null;
  if (!isRest(b.gaze)) return null;
  if (b.shape !== null && !(typeof b.shape === 'object' && SHAPE_RESTS.every((n) => isRest(b.shape![n])))) return null;
  return b as Baseline;
}

/**
 * Maps one frame's cues onto the person's own scale, so that the usual lines (`ABOVE_THRESHOLD`)
 * read as person-relative decisions (lib/feedback/person-rule):
 * - each expression cue becomes `line × excess`, where excess = (v − rest) / max(line, K·σ_rest):
 *   it crosses its line when it rises a full population line above this person's rest *and* clears
 *   the noise of their rest window; at or below rest it reads 0;
 * - the smile takes the largest excess of the mouthSmile blendshapes, the mouth width and the corner
 *   lift (`smileExcess`), which catches closed-mouth smiles that barely move the blendshape;
 * - eyesClosed stays as measured: its rest is kept (a high one says the lids read half-closed for this
 *   set-up) but the blink counter's lines are set on the raw lid score, and shifting it by the rest
 *   lost one of cap13's two labelled blinks;
 * - head yaw and pitch minus the resting offsets (roll is left as is: camera placement does not tilt it);
 * - gazeAtCamera is left as measured. It is 1 − ramp(|head + eye direction|) — a clamped magnitude
 *   whose direction is lost and whose eye part is not in `FaceCues` — so a pose offset cannot be
 *   taken out of it honestly. Doing it would need the eye direction as a cue of its own.
 * - faceCentered and faceSize are framing, not expression: unchanged.
 * Without a baseline the cues come back unchanged (show `NOT_CALIBRATED_TEXT`).
 */
export function normalise(cues: FaceCues, baseline: Baseline | null, shape?: FaceShape | null): FaceCues {
  const out = { ...cues };
  if (!baseline) return out;
  for (const n of REST_CUES) {
    if (n === 'eyesClosed') continue; // see above: lids are read as measured
    const line = ABOVE_THRESHOLD[n];
    const z = n === 'smile'
      ? smileExcess(
        { smile: cues.smile, ...(shape && baseline.shape ? { mouthWidth: shape.mouthWidth, cornerLift: shape.cornerLift } : {}) },
        { smile: baseline.rest.smile, ...(shape && baseline.shape ? baseline.shape : {}) },
      )
      : excess(cues[n], baseline.rest[n], line, NOISE_K);
    out[n] = clamp(line * z);
  }
  for (const n of POSE_CUES) out[n] = cues[n] - baseline.pose[n].median;
  return out;
}

/**
 * `normalise` for a whole frame, so that frames can go through the `SecondAggregator` on the
 * person's scale (its "above" fractions and blink counter then read the normalised values).
 */
export function normaliseFrame(frame: FrameCues, baseline: Baseline | null): FrameCues {
  return { ...frame, cues: frame.cues && normalise(frame.cues, baseline, frame.shape) };
}
