/**
 * Counts blinks from the per-frame `eyesClosed` score with hysteresis: the eyes must close past
 * `CLOSE` and reopen below `OPEN`; a closure longer than `MAX_BLINK_MS` is eyes kept closed, not a blink.
 */
export const CLOSE = 0.5;
export const OPEN = 0.3;
export const MAX_BLINK_MS = 500;

/** Stateful blink counter for one stream of frames. */
export class BlinkCounter {
  private closedAt: number | null = null;

  /** Feeds one frame (`eyesClosed` null when no face); returns true when a blink just ended. */
  push(ts: number, eyesClosed: number | null): boolean {
    if (eyesClosed === null) {
      this.closedAt = null; // losing the face is not a blink
      return false;
    }
    if (this.closedAt === null) {
      if (eyesClosed >= CLOSE) this.closedAt = ts;
      return false;
    }
    if (eyesClosed <= OPEN) {
      const blink = ts - this.closedAt <= MAX_BLINK_MS;
      this.closedAt = null;
      return blink;
    }
    return false;
  }
}
