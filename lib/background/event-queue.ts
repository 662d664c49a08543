/**
 * The background's one-at-a-time runner for call-state changes, built so a page cannot hold up the
 * user. What a page can set off (its camera reports, via our content script) is keyed per tab: a
 * newer report replaces a waiting one, and each key runs at most once per `minGapMs`. What the user
 * does (Stop, Pause, Start) and what the browser reports (a tab closed) is urgent: it runs next,
 * ahead of every waiting page job, so it waits for at most the one job already running.
 */

interface Waiter {
  ok(v: unknown): void;
  fail(e: unknown): void;
}
interface Keyed {
  run: () => Promise<unknown>;
  waiters: Waiter[];
}

/** Injected clock, so tests can drive time. */
export interface QueueClock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
}
const REAL_CLOCK: QueueClock = { now: () => Date.now(), later: (fn, ms) => setTimeout(fn, ms) };

export class EventQueue {
  private readonly urgent: { run: () => Promise<unknown>; waiter: Waiter }[] = [];
  private readonly keyed = new Map<string, Keyed>();
  private readonly lastRun = new Map<string, number>();
  private running = false;
  private wake: unknown = null;

  constructor(private readonly minGapMs: number, private readonly clock: QueueClock = REAL_CLOCK) {}

  /** Runs `run` next (after the job already running). */
  urgentJob<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((ok, fail) => {
      this.urgent.push({ run, waiter: { ok: ok as (v: unknown) => void, fail } });
      this.pump();
    });
  }

  /**
   * Runs `run` for `key` when its turn comes; if another job for `key` is still waiting, that one
   * is dropped and its callers get this job's result (only the newest state matters).
   */
  keyedJob<T>(key: string, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((ok, fail) => {
      const waiting = this.keyed.get(key);
      const waiter = { ok: ok as (v: unknown) => void, fail };
      // Re-inserting moves the key to the back: a busy tab does not starve the others.
      this.keyed.delete(key);
      // Appended in place: a burst of jobs for one key costs linear time, not quadratic.
      if (waiting) waiting.waiters.push(waiter);
      this.keyed.set(key, { run, waiters: waiting ? waiting.waiters : [waiter] });
      this.pump();
    });
  }

  /** Number of jobs waiting (for tests and diagnostics). */
  get waiting(): number {
    return this.urgent.length + this.keyed.size;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.take();
    if (!next) return;
    this.running = true;
    void next.run().then(
      (v) => next.waiters.forEach((w) => w.ok(v)),
      (e: unknown) => next.waiters.forEach((w) => w.fail(e)),
    ).finally(() => {
      this.running = false;
      this.pump();
    });
  }

  /** Drops run times too old to delay anything (keys come and go with tabs and frames). */
  private forgetOld(now: number): void {
    if (this.lastRun.size < 256) return;
    for (const [key, at] of this.lastRun) if (at + this.minGapMs <= now && !this.keyed.has(key)) this.lastRun.delete(key);
  }

  private take(): { run: () => Promise<unknown>; waiters: Waiter[] } | null {
    const u = this.urgent.shift();
    if (u) return { run: u.run, waiters: [u.waiter] };
    const now = this.clock.now();
    let soonest = Infinity;
    for (const [key, job] of this.keyed) {
      const due = (this.lastRun.get(key) ?? -Infinity) + this.minGapMs;
      if (due <= now) {
        this.keyed.delete(key);
        this.lastRun.set(key, now);
        this.forgetOld(now);
        return job;
      }
      soonest = Math.min(soonest, due);
    }
    if (soonest < Infinity && this.wake === null) {
      this.wake = this.clock.later(() => {
        this.wake = null;
        this.pump();
      }, soonest - now);
    }
    return null;
  }
}
