// Protects retention: calls that ended before the cutoff go with their seconds, nudges and keys; newer ones, a running one and everything under "keep forever" stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SelfviewDB } from './schema';
import { applyRetention } from './retention';
import { addNudge, createSession, endSession } from './sessions';
import { freshDB, recordedSeconds } from './test-support';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
let db: SelfviewDB;

/** A call that ended `daysAgo` days before NOW (null: still running, started 200 days ago). */
async function call(id: string, daysAgo: number | null): Promise<void> {
  const end = NOW - (daysAgo ?? 0) * DAY;
  const startedAt = daysAgo === null ? NOW - 200 * DAY : end - 60_000;
  await createSession(db, { id, site: 'meet', startedAt, settings: { sampleFps: 5 } });
  await db.samples.bulkPut(recordedSeconds().slice(0, 3).map((agg) => ({ sessionId: id, t: agg.t, at: startedAt + agg.t * 1000, agg })));
  await addNudge(db, { sessionId: id, at: startedAt + 1000, t: 1, kind: 'lookAway', message: 'x' });
  await db.keys.put({ id: `k-${id}`, sessionId: id, wrapped: new ArrayBuffer(8), createdAt: startedAt });
  if (daysAgo !== null) await endSession(db, id, end, 'left');
}

const left = async () => ({
  sessions: (await db.sessions.toCollection().primaryKeys()).sort(),
  samples: [...new Set((await db.samples.toArray()).map((r) => r.sessionId))].sort(),
  nudges: [...new Set((await db.nudges.toArray()).map((r) => r.sessionId))].sort(),
  keys: (await db.keys.toArray()).map((r) => r.sessionId).sort(),
});
const only = (...ids: string[]) => ({ sessions: ids, samples: ids, nudges: ids, keys: ids });

beforeEach(async () => {
  db = freshDB();
  await call('old', 120);
  await call('edge', 90);
  await call('recent', 10);
  await call('running', null);
});
afterEach(() => db.close());

describe('applyRetention', () => {
  it('deletes calls that ended before the cutoff, with everything of theirs', async () => {
    expect(await applyRetention(db, NOW, 90)).toBe(1); // ended exactly 90 days ago: kept
    expect(await left()).toEqual(only('edge', 'recent', 'running'));
    expect(await applyRetention(db, NOW + 1, 90)).toBe(1);
    expect(await left()).toEqual(only('recent', 'running'));
  });

  it('never deletes a running call, however old its start', async () => {
    expect(await applyRetention(db, NOW, 1)).toBe(3);
    expect(await left()).toEqual(only('running'));
  });

  it('keeps everything with null (keep forever), and refuses a nonsense number of days', async () => {
    expect(await applyRetention(db, NOW, null)).toBe(0);
    await expect(applyRetention(db, NOW, 0)).rejects.toThrow('Invalid retention');
    await expect(applyRetention(db, NOW, Number.NaN)).rejects.toThrow('Invalid retention');
    expect(await left()).toEqual(only('edge', 'old', 'recent', 'running'));
  });
});
