/**
 * The rate governor at work in a call tab: paces the call session's frames and tells the popup the
 * current rate and why (on every change, and once a second so a popup opened later learns it).
 */
import { govern, initialGovernor, type FrameSample, type GovernorConfig, type GovernorState, type RateReason } from './governor';

/** What the popup is told about a call session's analysis rate. */
export interface CallRateReport {
  sessionId: string;
  /** Frames per second the session is analysing at (the governor's current rate). */
  fps: number;
  /** The CPU budget as a fraction of one core. */
  budget: number;
  reason: RateReason;
}

/** Paces one call session. */
export class CallRate {
  private state: GovernorState;

  constructor(
    private readonly sessionId: string,
    private readonly config: GovernorConfig,
    private readonly report: (r: CallRateReport) => void,
  ) {
    this.state = initialGovernor(config);
  }

  /** The interval (ms) from this frame's start to the next one's; reports a changed rate or reason at once. */
  pace(sample: FrameSample): number {
    const before = this.state.last;
    const { state, decision } = govern(this.state, sample);
    this.state = state;
    if (decision.reason !== before.reason || Math.abs(decision.fps - before.fps) > 0.05) this.heartbeat();
    return decision.intervalMs;
  }

  /** Reports the current rate (called once a second). */
  heartbeat(): void {
    const { fps, reason } = this.state.last;
    this.report({ sessionId: this.sessionId, fps, budget: this.config.budget, reason });
  }
}
