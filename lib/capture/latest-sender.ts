/**
 * Sends only the newest value, one message at a time and at most once per `gapMs`. The content
 * script puts the call's camera state through it: a page that makes its camera flicker thousands
 * of times a second costs the background a few messages a second, each with the latest state.
 */

/** Injected timers, so tests can drive time. */
export interface SenderClock {
  now(): number;
  later(fn: () => void, ms: number): void;
}
const REAL_CLOCK: SenderClock = { now: () => Date.now(), later: (fn, ms) => void setTimeout(fn, ms) };

export class LatestSender<T> {
  private next: { value: T } | null = null;
  private busy = false;
  private waiting = false;
  private lastAt = -Infinity;

  constructor(private readonly send: (value: T) => Promise<unknown>, private readonly gapMs: number, private readonly clock: SenderClock = REAL_CLOCK) {}

  /** Queues `value`, replacing any value not yet sent. */
  push(value: T): void {
    this.next = { value };
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.waiting || !this.next) return;
    const wait = this.lastAt + this.gapMs - this.clock.now();
    if (wait > 0) {
      this.waiting = true;
      this.clock.later(() => {
        this.waiting = false;
        this.pump();
      }, wait);
      return;
    }
    const { value } = this.next;
    this.next = null;
    this.busy = true;
    this.lastAt = this.clock.now();
    void this.send(value).catch(() => undefined).finally(() => {
      this.busy = false;
      this.pump();
    });
  }
}
