// Firefox hosts the engine in the background page: it is started once on the first request (even
// when requests race), a failed start is retried, and feedback changes reach it only once it runs.
import { describe, expect, it } from 'vitest';
import type { EngineService } from '../engine/engine-service';
import { readFeedbackSetup, type FeedbackSetup } from '../feedback/items';
import { inPageEngineHosting } from './engine-hosting';

/** A start function that records its calls and what the started service was told. */
function recordingStart(opts: { failFirst?: boolean } = {}) {
  const seen = { starts: 0, feedback: [] as FeedbackSetup[] };
  const start = async (): Promise<EngineService> => {
    seen.starts++;
    await new Promise((r) => setTimeout(r, 5));
    if (opts.failFirst && seen.starts === 1) throw new Error('WebGL unavailable');
    return { feedbackChanged: (s) => void seen.feedback.push(s) };
  };
  return { start, seen };
}

describe('inPageEngineHosting', () => {
  it('starts the engine once, however many requests race', async () => {
    const { start, seen } = recordingStart();
    const hosting = inPageEngineHosting(start);
    const results = await Promise.all([hosting.ensure(), hosting.ensure(), hosting.ensure()]);
    expect(seen.starts).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await hosting.ensure()).toEqual({ created: false });
  });

  it('retries a start that failed', async () => {
    const { start, seen } = recordingStart({ failFirst: true });
    const hosting = inPageEngineHosting(start);
    await expect(hosting.ensure()).rejects.toThrow('WebGL unavailable');
    expect(await hosting.ensure()).toEqual({ created: true });
    expect(seen.starts).toBe(2);
  });

  it('passes feedback changes to a running engine and does not start one for them', async () => {
    const { start, seen } = recordingStart();
    const hosting = inPageEngineHosting(start);
    // The defaults as stored (WXT's fake browser storage is empty): no baseline, every nudge on its default.
    const SETUP = await readFeedbackSetup();
    await hosting.feedbackChanged(SETUP);
    expect(seen.starts).toBe(0);
    await hosting.ensure();
    await hosting.feedbackChanged(SETUP);
    expect(seen.feedback).toEqual([SETUP]);
  });

  it('has no document to close when idle (Firefox ends an idle event page itself)', async () => {
    const hosting = inPageEngineHosting(recordingStart().start);
    await hosting.ensure();
    expect(await hosting.idle()).toEqual({ closed: false });
  });
});
