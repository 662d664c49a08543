/**
 * The nudge engine: sparse, private hints from a stream of 1-second aggregates. Deterministic —
 * time comes in with each second — so every rule, cooldown and adaptation is unit-tested.
 *
 * - A second that fails the quality gate makes no verdict: it is in no rule's favour or against it,
 *   and a rule only judges when enough of its window was judged (`minJudgedShare`).
 * - A rule needs its whole window of history (since the stream began or since its own last nudge),
 *   so "for 3 minutes" means three minutes, and each nudge needs fresh evidence.
 * - At most one nudge per second, never two within `globalCooldownS`, the same kind not again
 *   within its cooldown; when several are due, the one waiting longest goes first (ties: priority
 *   order of `NUDGE_KINDS`). `quiet` silences everything.
 * - "Not helpful" lengthens that rule's window and cooldown locally (see `adaptThreshold`).
 * - A kind whose cue was not measured well enough never fires (`nudgeTrusted`; the table of
 *   figures is a constructor argument so that tests can state their own).
 *
 * Feed aggregates of normalised frames (`normaliseFrame` before the `SecondAggregator`) when the
 * person is calibrated, so brow and smile readings are relative to their own resting face.
 */
import { MEASURED, type ReliabilityTable } from '../cues/reliability';
import type { SecondAggregate } from '../cues/types';
import {
  adaptThreshold, adaptedTiming, nudgeConfig, NO_ADAPTATION, NUDGE_KINDS, parseAdaptation,
  type Adaptation, type NudgeConfig, type NudgeConfigPatch, type NudgeKind,
} from './nudge-config';
import { nudgeTrusted } from './nudge-reliability';
import { evaluate, judgeSecond, nudgeMessage, nudgeText, type Finding, type FramingIssue, type NudgeText, type SecondVerdict } from './nudge-rules';

export * from './nudge-config';
export { aboutDuration, evaluate, judgeSecond, nudgeMessage, type FramingIssue, type Finding, type SecondVerdict } from './nudge-rules';

/** One nudge for the user. */
export interface Nudge {
  kind: NudgeKind;
  message: string;
  /** The `now` of the second that triggered it (ms). */
  at: number;
  /** Which way the framing is off (framing only). */
  framing?: FramingIssue;
  /** The message as a key and numbers, so each page can show it in the user's language. */
  text: NudgeText;
}

export class NudgeEngine {
  private cfg: NudgeConfig;
  private adapt: Adaptation;
  private history: SecondVerdict[] = [];
  /** Start of the first pushed second (ms): no window reaches back before it. */
  private start: number | null = null;
  private lastAny: number | null = null;
  private last: Partial<Record<NudgeKind, number>> = {};

  /**
   * `adaptation` is the stored state from `adaptation` (checked; anything invalid reads as none);
   * `reliability` the measured figures that decide which kinds may fire at all.
   */
  constructor(config: NudgeConfigPatch = {}, adaptation: unknown = NO_ADAPTATION, private readonly reliability: ReliabilityTable = MEASURED) {
    this.cfg = nudgeConfig(config);
    this.adapt = parseAdaptation(adaptation);
  }

  /** The config in force. */
  get config(): NudgeConfig {
    return this.cfg;
  }

  /** The adaptation state, to store. */
  get adaptation(): Adaptation {
    return { version: this.adapt.version, factor: { ...this.adapt.factor } };
  }

  /** Applies a config change (e.g. quiet on/off, a rule disabled, a smile goal set) from now on. */
  configure(patch: NudgeConfigPatch): void {
    this.cfg = nudgeConfig(patch, this.cfg);
  }

  /** The window and cooldown (seconds) a rule runs with now, adaptation included. */
  timing(kind: NudgeKind): { windowS: number; cooldownS: number } {
    return adaptedTiming(this.cfg.rules[kind].windowS, this.cfg.kindCooldownS, this.adapt.factor[kind]);
  }

  /**
   * Adds the second that ended at `now` (ms); returns the nudge it triggers, if any. Seconds must
   * come in time order; a gap (a pause) simply leaves the window with fewer judged seconds.
   */
  push(agg: SecondAggregate, now: number): Nudge | null {
    if (this.start === null) this.start = now - 1000;
    this.history.push(judgeSecond(agg, now, this.cfg));
    const keepMs = Math.max(...NUDGE_KINDS.map((k) => this.timing(k).windowS)) * 1000;
    while (this.history.length && this.history[0]!.at <= now - keepMs) this.history.shift();

    if (this.cfg.quiet) return null;
    if (this.lastAny !== null && now - this.lastAny < this.cfg.globalCooldownS * 1000) return null;
    // Kinds never nudged (or nudged longest ago) first, then by priority: when several patterns
    // persist, they take turns instead of the first one starving the others.
    const order = [...NUDGE_KINDS].sort((a, b) => (this.last[a] ?? -Infinity) - (this.last[b] ?? -Infinity));
    for (const kind of order) {
      const found = this.due(kind, now);
      if (!found) continue;
      this.last[kind] = now;
      this.lastAny = now;
      const nudge: Nudge = { kind, message: nudgeMessage(found.finding, found.windowS), text: nudgeText(found.finding, found.windowS), at: now };
      if (found.finding.framing) nudge.framing = found.finding.framing;
      return nudge;
    }
    return null;
  }

  /** The user found a nudge of this kind not helpful: the rule fires less from now on. Returns the state to store. */
  markNotHelpful(kind: NudgeKind): Adaptation {
    this.adapt = { ...this.adapt, factor: { ...this.adapt.factor, [kind]: adaptThreshold(this.adapt.factor[kind]) } };
    return this.adaptation;
  }

  /** Replaces the adaptation (e.g. after "not helpful" in another context, or a reset). */
  setAdaptation(stored: unknown): void {
    this.adapt = parseAdaptation(stored);
  }

  /** Back to the default thresholds, for one kind or all. Returns the state to store. */
  resetAdaptation(kind?: NudgeKind): Adaptation {
    if (kind) {
      const { [kind]: _dropped, ...rest } = this.adapt.factor;
      this.adapt = { ...this.adapt, factor: rest };
    } else {
      this.adapt = NO_ADAPTATION;
    }
    return this.adaptation;
  }

  /** Enabled, wanted (the smile goal) and backed by a cue measured well enough to speak about. */
  private active(kind: NudgeKind): boolean {
    return this.cfg.rules[kind].enabled && (kind !== 'noSmile' || this.cfg.smileGoal) && nudgeTrusted(kind, this.cfg.calibrated, this.reliability);
  }

  /** The rule's finding if it is enabled, out of its cooldown, has a full window and the pattern is there. */
  private due(kind: NudgeKind, now: number): { finding: Finding; windowS: number } | null {
    if (!this.active(kind)) return null;
    const { windowS, cooldownS } = this.timing(kind);
    const since = this.last[kind];
    if (since !== undefined && now - since < cooldownS * 1000) return null;
    // Evidence starts at the stream's start or at this kind's last nudge, whichever is later.
    const from = since ?? this.start!;
    if (now - from < windowS * 1000) return null;
    const lo = Math.max(from, now - windowS * 1000);
    const judged = this.history.filter((v) => v.ok && v.at > lo && v.at <= now);
    const finding = evaluate(kind, judged, windowS, this.cfg);
    return finding && { finding, windowS };
  }
}
