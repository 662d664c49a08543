/**
 * The nudge rules, as pure functions: `judgeSecond` turns one second into the few facts the rules
 * read, `evaluate` decides one rule over the judged seconds of its window, `nudgeText` picks its
 * words (a key and numbers, translated by the pages) and `nudgeMessage` says them in English.
 * Every message names a movement or a position, never what the person might feel.
 */
import { blinkRateCheck, estimateBlinkRate } from '../cues/blink-rate';
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
  /** The second itself (when `ok`), for the blink-rate estimate, which needs closed and face time. */
  second: SecondAggregate | null;
}

/** The facts of one second under `config`. */
export function judgeSecond(agg: SecondAggregate, at: number, config: NudgeConfig): SecondVerdict {
  const c = agg.cues;
  if (!gate(agg, config.qualityThreshold).ok || !c) return { at, ok: false, away: false, furrow: false, smiled: false, framing: null, second: null };
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
    second: agg,
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
      // The closed-share estimate, not counted events: at 2–5 analysed frames a second the event
      // counter misses most blinks and would call almost everyone a rare blinker. It says nothing
      // where its measured error at this frame rate and window is over 25%.
      const est = estimateBlinkRate(judged.map((v) => v.second!));
      if (!blinkRateCheck(est).show) return null;
      return est!.perMinute < r.lowBlink.perMin ? { kind, perMin: est!.perMinute } : null;
    }
  }
}

/**
 * A stretch of time as a number of half minutes, to the nearest half minute with halfway cases
 * down and never under one minute (2). 75 s is "about a minute": the rule fires on a mostly-away
 * minute and a quarter, and understating is safer than overstating.
 */
export function halfMinutes(seconds: number): number {
  return Math.max(2, Math.ceil(seconds / 30 - 0.5));
}

/** "about a minute", "about a minute and a half", "about 2 and a half minutes", "about 3 minutes" (see `halfMinutes`). */
export function aboutDuration(seconds: number): string {
  return englishDuration(halfMinutes(seconds));
}

function englishDuration(half: number): string {
  if (half <= 2) return 'about a minute';
  if (half === 3) return 'about a minute and a half';
  return half % 2 === 0 ? `about ${half / 2} minutes` : `about ${Math.floor(half / 2)} and a half minutes`;
}

/**
 * Which words a nudge uses, as a stable key for the translations (`nudge.<key>` in
 * lib/i18n/locales) and the numbers they need. The English of `nudgeMessage` is the default
 * locale's wording of the same key; pages show the user's language from this.
 */
export type NudgeTextKey = 'lookAway' | 'browFurrow' | 'noSmile' | 'framing.offCentre' | 'framing.tooClose' | 'framing.tooFar' | 'lowBlink';

export interface NudgeText {
  key: NudgeTextKey;
  /** The stretch judged, in half minutes (`halfMinutes`): lookAway, noSmile, lowBlink. */
  halfMinutes?: number;
  /** Blinks per minute, rounded: 0 reads "hardly at all", 1 "about once a minute" (lowBlink). */
  blinks?: number;
}

/** The key and numbers of a nudge; `windowS` is the stretch the rule judged (after adaptation). */
export function nudgeText(f: Finding, windowS: number): NudgeText {
  const half = halfMinutes(windowS);
  switch (f.kind) {
    case 'lookAway':
    case 'noSmile':
      return { key: f.kind, halfMinutes: half };
    case 'browFurrow':
      return { key: 'browFurrow' };
    case 'framing':
      return { key: `framing.${f.framing ?? 'offCentre'}` };
    case 'lowBlink':
      // Math.round: under 0.5 is "hardly at all", under 1.5 "about once a minute".
      return { key: 'lowBlink', halfMinutes: half, blinks: Math.round(f.perMin ?? 0) };
  }
}

const FRAMING_TEXT: Record<FramingIssue, string> = {
  offCentre: 'Your face has been off-centre for a while — move toward the middle of the picture?',
  tooClose: "You've been very close to the camera for a while — lean back a little?",
  tooFar: "You've been far from the camera for a while — move a little closer?",
};

/** The English words of a nudge's key and numbers. */
export function englishNudge(n: NudgeText): string {
  const about = englishDuration(n.halfMinutes ?? 2);
  switch (n.key) {
    case 'lookAway':
      return `You've barely looked at the camera for ${about}.`;
    case 'browFurrow':
      return 'Your brows have been drawn together for a while — relax your forehead?';
    case 'noSmile':
      return `No smile for ${about} — a reminder of your smile goal.`;
    case 'framing.offCentre':
      return FRAMING_TEXT.offCentre;
    case 'framing.tooClose':
      return FRAMING_TEXT.tooClose;
    case 'framing.tooFar':
      return FRAMING_TEXT.tooFar;
    case 'lowBlink': {
      const rate = n.blinks ?? 0;
      const how = rate === 0 ? 'hardly at all' : rate === 1 ? 'about once a minute' : `about ${rate} times a minute`;
      return `You've blinked ${how} for ${about} — a few slow, full blinks rest the eyes.`;
    }
  }
}

/** The words of a nudge (English); `windowS` is the stretch the rule judged (after adaptation). */
export function nudgeMessage(f: Finding, windowS: number): string {
  return englishNudge(nudgeText(f, windowS));
}

const ABOUT = String.raw`about (?:a minute|a minute and a half|(\d+) minutes|(\d+) and a half minutes)`;
const HOW = String.raw`(hardly at all|about once a minute|about (\d+) times a minute)`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const halfOf = (text: string, whole: string | undefined, andHalf: string | undefined): number =>
  whole ? Number(whole) * 2 : andHalf ? Number(andHalf) * 2 + 1 : text.includes('and a half') ? 3 : 2;

/**
 * The key and numbers back from a nudge's English words, or null when they are not
 * `nudgeMessage` words. Stored nudges and those passed between extension contexts carry only
 * the English (they are made in the offscreen document, which has no i18n API); this is how a page
 * shows them in the user's language. `parseNudgeMessage(nudgeMessage(f, w))` equals `nudgeText(f, w)`.
 */
export function parseNudgeMessage(message: string): NudgeText | null {
  for (const key of ['browFurrow', 'framing.offCentre', 'framing.tooClose', 'framing.tooFar'] as const) {
    if (message === englishNudge({ key })) return { key };
  }
  let m = new RegExp(`^You've barely looked at the camera for (${ABOUT})\\.$`).exec(message);
  if (m) return { key: 'lookAway', halfMinutes: halfOf(m[1]!, m[2], m[3]) };
  m = new RegExp(`^No smile for (${ABOUT})${escape(' — a reminder of your smile goal.')}$`).exec(message);
  if (m) return { key: 'noSmile', halfMinutes: halfOf(m[1]!, m[2], m[3]) };
  m = new RegExp(`^You've blinked ${HOW} for (${ABOUT})${escape(' — a few slow, full blinks rest the eyes.')}$`).exec(message);
  if (m) {
    const blinks = m[1] === 'hardly at all' ? 0 : m[1] === 'about once a minute' ? 1 : Number(m[2]);
    return { key: 'lowBlink', halfMinutes: halfOf(m[3]!, m[4], m[5]), blinks };
  }
  return null;
}
