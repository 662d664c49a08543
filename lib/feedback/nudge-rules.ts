/**
 * The nudge rules, as pure functions: `judgeSecond` turns one second into the few facts the rules
 * read, `evaluate` decides one rule over the judged seconds of its window, `nudgeMessage` words it.
 * Every message names a movement or a position, never what the person might feel.
 */
import type { SecondAggregate } from '../cues/types';
import { gate } from './quality-gate';
import { SMILE_ABOVE, type NudgeConfig, type NudgeKind } from './nudge-config';

/** Which way the framing is off. */
export type FramingIssue = 'offCentre' | 'tooClose' | 'tooFar';

/** What the rules need from one second. Facts are only meaningful when `ok`. */
export interface SecondVerdict {
  /** When the second was pushed (ms). */
  at: number;
  /** Passed the quality gate. A second that did not is no evidence either way. */
  ok: boolean;
  /** Mostly not looking at the camera. */
  away: boolean;
  /** Brows drawn together for most of the second. */
  furrow: boolean;
  /** Any frame with a smile. */
  smiled: boolean;
  framing: FramingIssue | null;
  blinks: number;
}

/** The facts of one second under `config`. */
export function judgeSecond(agg: SecondAggregate, at: number, config: NudgeConfig): SecondVerdict {
  const c = agg.cues;
  if (!gate(agg, config.qualityThreshold).ok || !c) return { at, ok: false, away: false, furrow: false, smiled: false, framing: null, blinks: 0 };
  const r = config.rules;
  const size = c.faceSize.mean;
  // Distance before centring: a face too close is usually off-centre too, and moving back fixes both.
  const framing: FramingIssue | null =
    size > r.framing.sizeAbove ? 'tooClose' : size < r.framing.sizeBelow ? 'tooFar' : c.faceCentered.mean < r.framing.centredBelow ? 'offCentre' : null;
  return {
    at,
    ok: true,
    away: c.gazeAtCamera.above < r.lookAway.awayBelow,
    furrow: c.browFurrow.above >= r.browFurrow.furrowFrom,
    smiled: c.smile.max > SMILE_ABOVE,
    framing,
    blinks: agg.blinks,
  };
}

/** A rule that is due, with what the message needs. */
export interface Finding {
  kind: NudgeKind;
  framing?: FramingIssue;
  /** Blinks per minute (lowBlink). */
  perMin?: number;
}

/**
 * Decides one rule over the judged seconds of its window (`windowS` after adaptation). Returns
 * null when there are too few judged seconds to say anything, or when the pattern is not there.
 */
export function evaluate(kind: NudgeKind, judged: readonly SecondVerdict[], windowS: number, config: NudgeConfig): Finding | null {
  if (judged.length < config.minJudgedShare * windowS) return null;
  const r = config.rules;
  const share = (hit: (v: SecondVerdict) => boolean, need: number): boolean => judged.filter(hit).length >= need * judged.length;
  switch (kind) {
    case 'lookAway':
      return share((v) => v.away, r.lookAway.share) ? { kind } : null;
    case 'browFurrow':
      return share((v) => v.furrow, r.browFurrow.share) ? { kind } : null;
    case 'noSmile':
      return share((v) => !v.smiled, r.noSmile.share) ? { kind } : null;
    case 'framing': {
      if (!share((v) => v.framing !== null, r.framing.share)) return null;
      const counts = new Map<FramingIssue, number>();
      for (const v of judged) if (v.framing) counts.set(v.framing, (counts.get(v.framing) ?? 0) + 1);
      return { kind, framing: [...counts].sort((a, b) => b[1] - a[1])[0]![0] };
    }
    case 'lowBlink': {
      const perMin = (judged.reduce((n, v) => n + v.blinks, 0) / judged.length) * 60;
      return perMin < r.lowBlink.perMin ? { kind, perMin } : null;
    }
  }
}

/**
 * "about a minute", "about a minute and a half", "about 2 and a half minutes", "about 3 minutes":
 * to the nearest half minute, halfway cases down (75 s is "about a minute": the rule fires on a
 * mostly-away minute and a quarter, and understating is safer than overstating).
 */
export function aboutDuration(seconds: number): string {
  const half = Math.ceil(seconds / 30 - 0.5) / 2;
  if (half <= 1) return 'about a minute';
  if (half === 1.5) return 'about a minute and a half';
  return Number.isInteger(half) ? `about ${half} minutes` : `about ${Math.floor(half)} and a half minutes`;
}

const FRAMING_TEXT: Record<FramingIssue, string> = {
  offCentre: 'Your face has been off-centre for a while — move toward the middle of the picture?',
  tooClose: "You've been very close to the camera for a while — lean back a little?",
  tooFar: "You've been far from the camera for a while — move a little closer?",
};

/** The words of a nudge; `windowS` is the stretch the rule judged (after adaptation). */
export function nudgeMessage(f: Finding, windowS: number): string {
  switch (f.kind) {
    case 'lookAway':
      return `You've barely looked at the camera for ${aboutDuration(windowS)}.`;
    case 'browFurrow':
      return 'Your brows have been drawn together for a while — relax your forehead?';
    case 'noSmile':
      return `No smile for ${aboutDuration(windowS)} — a reminder of your smile goal.`;
    case 'framing':
      return FRAMING_TEXT[f.framing ?? 'offCentre'];
    case 'lowBlink': {
      const rate = f.perMin ?? 0;
      const how = rate < 0.5 ? 'hardly at all' : rate < 1.5 ? 'about once a minute' : `about ${Math.round(rate)} times a minute`;
      return `You've blinked ${how} for ${aboutDuration(windowS)} — a few slow, full blinks rest the eyes.`;
    }
  }
}
