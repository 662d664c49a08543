// Protects the background's job queue against a page that floods it: the user's and the browser's
// (urgent) jobs overtake waiting page jobs; a key's newer job replaces its waiting one and every
// caller gets the newest result; a key runs at most once per gap; a failure rejects only its own
// callers; and a busy key does not starve the others. Time is a fake clock.
import { describe, expect, it } from 'vitest';
import { FakeClock, settle } from '../../test/support/fake-clock';
import { EventQueue } from './event-queue';

const GAP = 100;

/** A job's result or failure, as a value (so a rejection is never left unhandled). */
const outcome = <T>(p: Promise<T>): Promise<{ ok: T } | { failed: string }> => p.then((ok) => ({ ok }), (e: Error) => ({ failed: e.message }));
/** Lets every pending promise callback run. */

function setup() {
  const clock = new FakeClock();
  const queue = new EventQueue(GAP, clock);
  const log: string[] = [];
  const job = <T>(name: string, value: T) => async (): Promise<T> => {
    log.push(`${name}@${clock.t}`);
    return value;
  };
  return { clock, queue, log, job };
}

describe('EventQueue', () => {
  it('runs urgent jobs before every waiting page job, after the one already running', async () => {
    const { queue, log, job } = setup();
    let release!: () => void;
    const running = queue.keyedJob('tab:1', () => new Promise<string>((r) => (release = () => r('slow'))));
    const b = queue.keyedJob('tab:2', job('b', 'b'));
    const c = queue.keyedJob('tab:3', job('c', 'c'));
    const u1 = queue.urgentJob(job('stop', 1));
    const u2 = queue.urgentJob(job('tabGone', 2));
    expect(queue.waiting).toBe(4);
    await settle();
    expect(log).toEqual([]); // nothing overtakes the running job
    release();
    expect(await Promise.all([running, u1, u2, b, c])).toEqual(['slow', 1, 2, 'b', 'c']);
    expect(log).toEqual(['stop@0', 'tabGone@0', 'b@0', 'c@0']);
  });

  it('runs 20,000 pushes for one key a handful of times, every caller getting the newest result', async () => {
    const { clock, queue } = setup();
    let runs = 0;
    const results = Array.from({ length: 20_000 }, (_, i) =>
      queue.keyedJob('tab:1', async () => {
        runs++;
        return i;
      }),
    );
    await clock.advance(GAP);
    const got = await Promise.all(results);
    expect(runs).toBe(2); // the first at once, then only the newest
    expect(got[0]).toBe(0);
    expect(new Set(got.slice(1))).toEqual(new Set([19_999]));
  });

  it('runs a key steadily flooded over a second about once per gap, each caller with a result at least as new as its own', async () => {
    const { clock, queue } = setup();
    const runsAt: number[] = [];
    const calls: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      calls.push(queue.keyedJob('tab:1', async () => (runsAt.push(clock.t), i)));
      await clock.advance(1);
    }
    await clock.advance(GAP);
    const got = await Promise.all(calls);
    got.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(i));
    expect(got.at(-1)).toBe(999);
    expect(runsAt.length).toBeLessThanOrEqual(11);
    for (let k = 1; k < runsAt.length; k++) expect(runsAt[k]! - runsAt[k - 1]!).toBeGreaterThanOrEqual(GAP);
  });

  it('spaces runs of the same key by the gap, but not those of another key', async () => {
    const { clock, queue, log, job } = setup();
    await queue.keyedJob('a', job('a1', 1));
    await clock.advance(10);
    const a2 = queue.keyedJob('a', job('a2', 2));
    const b1 = queue.keyedJob('b', job('b1', 1));
    await clock.advance(50);
    expect(log).toEqual(['a1@0', 'b1@10']);
    await clock.advance(40);
    expect(await Promise.all([a2, b1])).toEqual([2, 1]);
    expect(log).toEqual(['a1@0', 'b1@10', 'a2@100']);
  });

  it('rejects only the callers of a failing job, and carries on', async () => {
    const { clock, queue, job } = setup();
    const first = outcome(queue.keyedJob('a', job('a0', 0)));
    const merged = [outcome(queue.keyedJob('a', job('a1', 1))), outcome(queue.keyedJob('a', () => Promise.reject(new Error('tab gone'))))];
    const other = outcome(queue.keyedJob('b', job('b', 'b')));
    const urgentFail = outcome(queue.urgentJob(() => Promise.reject(new Error('refused'))));
    const urgentOk = outcome(queue.urgentJob(job('u', 'u')));
    await clock.advance(GAP);
    expect(await Promise.all([first, ...merged, other, urgentFail, urgentOk])).toEqual([
      { ok: 0 }, { failed: 'tab gone' }, { failed: 'tab gone' }, { ok: 'b' }, { failed: 'refused' }, { ok: 'u' },
    ]);
    const again = queue.keyedJob('a', job('a2', 2));
    await clock.advance(GAP);
    await expect(again).resolves.toBe(2);
  });

  it('lets every key run while all of them are flooded', async () => {
    const { clock, queue } = setup();
    const runs = new Map<string, number>();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 500; i++) {
      for (const key of ['a', 'b', 'c']) pending.push(queue.keyedJob(key, async () => runs.set(key, (runs.get(key) ?? 0) + 1)));
      await clock.advance(2);
    }
    await clock.advance(GAP);
    await Promise.all(pending);
    for (const key of ['a', 'b', 'c']) expect(runs.get(key)).toBeGreaterThanOrEqual(9);
    expect(queue.waiting).toBe(0);
  });
});
