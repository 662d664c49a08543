/** A clock for unit tests of code that takes an injected `now`/`later` (the event queue, the report sender). */

/** Lets pending promise reactions run (one macrotask). */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A clock whose time moves only when told, running due timers in order. */
export class FakeClock {
  t = 0;
  private timers: { at: number; fn: () => void }[] = [];
  now = (): number => this.t;
  later = (fn: () => void, ms: number): void => void this.timers.push({ at: this.t + ms, fn });

  /** Moves time on by `ms`, running each timer due on the way (and the promise reactions between them). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      if (!this.timers.length || this.timers[0]!.at > end) break;
      const { at, fn } = this.timers.shift()!;
      this.t = Math.max(this.t, at);
      fn();
    }
    this.t = end;
    await settle();
  }
}
