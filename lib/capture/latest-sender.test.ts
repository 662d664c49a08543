// Protects the content script's report throttle: the first report goes out at once, a page flooding
// camera changes costs at most one message per gap (always ending with its latest state), only one
// message is ever in flight, and a failed message does not silence the ones after it. Fake clock.
import { describe, expect, it } from 'vitest';
import { FakeClock, settle } from '../../test/support/fake-clock';
import { LatestSender } from './latest-sender';

const GAP = 250;


/** A sender whose sends are recorded with their time; `answer` decides how each one settles. */
function setup(answer: (value: number) => Promise<unknown> = async () => undefined) {
  const clock = new FakeClock();
  const sent: { value: number; at: number }[] = [];
  const sender = new LatestSender<number>((value) => {
    sent.push({ value, at: clock.t });
    return answer(value);
  }, GAP, clock);
  return { clock, sent, sender };
}

describe('LatestSender', () => {
  it('sends the first value at once', () => {
    const { sent, sender } = setup();
    sender.push(7);
    expect(sent).toEqual([{ value: 7, at: 0 }]);
  });

  it('sends a burst of 20,000 values as at most two messages per gap, the last one the newest', async () => {
    const { clock, sent, sender } = setup();
    for (let i = 0; i < 20_000; i++) sender.push(i);
    await clock.advance(GAP - 1);
    expect(sent).toEqual([{ value: 0, at: 0 }]);
    await clock.advance(1);
    expect(sent).toEqual([{ value: 0, at: 0 }, { value: 19_999, at: GAP }]);
    await clock.advance(10 * GAP);
    expect(sent).toHaveLength(2); // nothing new: nothing more to say
  });

  it('keeps sending the newest value at most once per gap while a page keeps flooding', async () => {
    const { clock, sent, sender } = setup();
    for (let i = 0; i < 1000; i++) {
      sender.push(i);
      await clock.advance(1);
    }
    await clock.advance(GAP);
    expect(sent.length).toBeLessThanOrEqual(1 + Math.ceil(1000 / GAP));
    for (let k = 1; k < sent.length; k++) expect(sent[k]!.at - sent[k - 1]!.at).toBeGreaterThanOrEqual(GAP);
    expect(sent.at(-1)?.value).toBe(999);
  });

  it('has one message in flight at a time: a slow answer holds the next send, which then carries the newest value', async () => {
    const answers: (() => void)[] = [];
    const { clock, sent, sender } = setup(() => new Promise<void>((r) => answers.push(r)));
    sender.push(1);
    sender.push(2);
    sender.push(3);
    await clock.advance(3 * GAP);
    expect(sent.map((s) => s.value)).toEqual([1]);
    answers.shift()!();
    await settle();
    expect(sent).toEqual([{ value: 1, at: 0 }, { value: 3, at: 3 * GAP }]);
  });

  it('carries on after a send is rejected', async () => {
    const { clock, sent, sender } = setup(async (v) => {
      if (v === 1) throw new Error('Extension context invalidated.');
    });
    sender.push(1);
    sender.push(2);
    await clock.advance(GAP);
    sender.push(3);
    await clock.advance(GAP);
    expect(sent.map((s) => s.value)).toEqual([1, 2, 3]);
  });

  it('sends at once again after a quiet gap', async () => {
    const { clock, sent, sender } = setup();
    sender.push(1);
    await clock.advance(5 * GAP);
    sender.push(2);
    expect(sent).toEqual([{ value: 1, at: 0 }, { value: 2, at: 5 * GAP }]);
  });
});
