/**
 * Feedback for call sessions inside the engine: each session's frames are measured against the
 * user's baseline, and its seconds go through one NudgeEngine shared by every stream of that
 * session (a camera turned off and on again continues the same evidence and cooldowns).
 */
import type { CueName, FrameCues, SecondAggregate } from '../cues/types';
import { normaliseFrame } from '../feedback/baseline';
import type { FeedbackSetup } from '../feedback/items';
import { NudgeEngine, type Nudge } from '../feedback/nudges';

/** A session's feedback state. */
export interface SessionEntry {
  /** The frame's cues relative to the user's relaxed face (unchanged when not calibrated). */
  normalise(frame: FrameCues): FrameCues;
  /** The user's "above" thresholds for this session's aggregates. */
  thresholds: Record<CueName, number>;
  /** Judges a finished second; returns a nudge when one is due. `at` is the second's time (ms epoch). */
  judge(aggregate: SecondAggregate, at: number): Nudge | null;
}

/** Keeps the feedback state of the sessions this engine has seen. */
export class SessionFeedback {
  private setup: Promise<FeedbackSetup> | null = null;
  private readonly sessions = new Map<string, { engine: NudgeEngine; setup: FeedbackSetup }>();

  constructor(private readonly load: () => Promise<FeedbackSetup>) {}

  /** The entry of a session (created with the current setup on first use). */
  async forSession(id: string): Promise<SessionEntry> {
    let s = this.sessions.get(id);
    if (!s) {
      this.setup ??= this.load().catch((err: unknown) => {
        this.setup = null; // try again for the next session
        throw err;
      });
      const setup = await this.setup;
      // The smile's calibrated figure gates the smile reminder only when this session has a baseline.
      s = this.sessions.get(id) ?? { engine: new NudgeEngine({ ...setup.nudges, calibrated: setup.baseline !== null }, setup.adaptation), setup };
      this.sessions.set(id, s);
    }
    const entry = s;
    return {
      normalise: (frame) => normaliseFrame(frame, entry.setup.baseline),
      get thresholds() {
        return entry.setup.thresholds; // follows a change of sensitivity mid-session
      },
      judge: (aggregate, at) => entry.engine.push(aggregate, at),
    };
  }

  /** Applies changed settings to every session (a new calibration applies from the next session on). */
  update(setup: FeedbackSetup): void {
    this.setup = Promise.resolve(setup);
    for (const s of this.sessions.values()) {
      s.setup = { ...s.setup, thresholds: setup.thresholds };
      s.engine.configure(setup.nudges);
      s.engine.setAdaptation(setup.adaptation);
    }
  }

  /** Forgets a session (its streams have all ended). */
  drop(id: string): void {
    this.sessions.delete(id);
  }
}
