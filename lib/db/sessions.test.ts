// Protects sessions: create/end/get/list/delete, first end wins, seconds in order of t per session, and a delete that removes a session's samples with it or nothing at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SelfviewDB } from './schema';
import { addNudge, createSession, deleteAllSessions, deleteSession, endSession, getSession, listSessions, samplesOf } from './sessions';
import { freshDB, recordedSecond, recordedSeconds } from './test-support';

const T0 = 1_700_000_000_000;
let db: SelfviewDB;
beforeEach(() => {
  db = freshDB();
});
afterEach(() => db.close());

/** Stores recorded seconds `ts` of a session (directly, without the writer). */
async function putSeconds(sessionId: string, ts: number[]): Promise<void> {
  await db.samples.bulkPut(ts.map((t) => ({ sessionId, t, at: T0 + t * 1000, agg: recordedSecond(t) })));
}

describe('createSession', () => {
  it('stores a running session with a random UUID, no samples, empty notes and tags', async () => {
    const s = await createSession(db, { site: 'meet.google.com', startedAt: T0, settings: { sampleFps: 10 } });
    expect(s).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      site: 'meet.google.com',
      startedAt: T0,
      endedAt: null,
      endReason: null,
      seconds: 0,
      notes: '',
      tags: [],
      settings: { sampleFps: 10 },
    });
    expect(await getSession(db, s.id)).toEqual(s);
  });

  it('gives each session its own id and keeps a copy of the settings', async () => {
    const settings = { sampleFps: 10 };
    const a = await createSession(db, { site: 'x', startedAt: T0, settings });
    settings.sampleFps = 30;
    const b = await createSession(db, { site: 'x', startedAt: T0, settings });
    expect(a.id).not.toBe(b.id);
    expect((await getSession(db, a.id))!.settings).toEqual({ sampleFps: 10 });
  });
  it('uses a caller-given id, and creating it again returns the stored session unchanged', async () => {
    const s = await createSession(db, { id: 'call-1', site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    expect(s.id).toBe('call-1');
    await db.sessions.update('call-1', { seconds: 12 });
    await endSession(db, 'call-1', T0 + 5000, 'left');
    const again = await createSession(db, { id: 'call-1', site: 'y', startedAt: T0 + 9000, settings: { sampleFps: 5 } });
    expect(again).toEqual({ ...s, seconds: 12, endedAt: T0 + 5000, endReason: 'left' });
    expect(await db.sessions.count()).toBe(1);
  });
});

describe('endSession', () => {
  it('records the end time and reason', async () => {
    const s = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    expect(await endSession(db, s.id, T0 + 60_000, 'stopped')).toBe(true);
    expect(await getSession(db, s.id)).toMatchObject({ endedAt: T0 + 60_000, endReason: 'stopped' });
  });

  it('keeps the first end: a later end of the same session changes nothing', async () => {
    const s = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    await endSession(db, s.id, T0 + 60_000, 'stopped');
    expect(await endSession(db, s.id, T0 + 90_000, 'tabClosed')).toBe(false);
    expect(await getSession(db, s.id)).toMatchObject({ endedAt: T0 + 60_000, endReason: 'stopped' });
  });

  it('returns false for an unknown session and stores nothing', async () => {
    expect(await endSession(db, 'nope', T0, 'left')).toBe(false);
    expect(await db.sessions.count()).toBe(0);
  });

  it('running sessions are absent from the endedAt index (null is not a key); ended ones are in it', async () => {
    const running = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    const ended = await createSession(db, { site: 'x', startedAt: T0 + 1, settings: { sampleFps: 10 } });
    await endSession(db, ended.id, T0 + 5000, 'left');
    expect((await db.sessions.orderBy('endedAt').toArray()).map((s) => s.id)).toEqual([ended.id]);
    expect((await db.sessions.filter((s) => s.endedAt === null).toArray()).map((s) => s.id)).toEqual([running.id]);
  });
});

describe('getSession and listSessions', () => {
  it('getSession returns undefined for an unknown id', async () => {
    expect(await getSession(db, 'nope')).toBeUndefined();
  });

  it('lists newest first, all of them or at most `limit`', async () => {
    const made = [];
    // Created out of order, so the order comes from startedAt, not from insertion.
    for (const offset of [20_000, 0, 40_000, 10_000]) made.push(await createSession(db, { site: `s${offset}`, startedAt: T0 + offset, settings: { sampleFps: 10 } }));
    const byStart = [...made].sort((a, b) => b.startedAt - a.startedAt).map((s) => s.id);
    expect((await listSessions(db)).map((s) => s.id)).toEqual(byStart);
    expect((await listSessions(db, { limit: 2 })).map((s) => s.id)).toEqual(byStart.slice(0, 2));
    expect(await listSessions(db, { limit: 0 })).toEqual([]);
  });

  it('lists nothing from an empty database', async () => {
    expect(await listSessions(db)).toEqual([]);
  });
});

describe('samplesOf', () => {
  it("returns only that session's seconds, in order of t (numerically: 2 before 10)", async () => {
    const a = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    const b = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    await putSeconds(a.id, [10, 2, 0, 25, 1]);
    await putSeconds(b.id, [3, 4]);
    const rows = await samplesOf(db, a.id);
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 10, 25]);
    expect(rows.every((r) => r.sessionId === a.id)).toBe(true);
    expect(rows[3]).toEqual({ sessionId: a.id, t: 10, at: T0 + 10_000, agg: recordedSecond(10) });
    expect((await samplesOf(db, b.id)).map((r) => r.t)).toEqual([3, 4]);
  });

  it('returns all 31 recorded seconds unchanged', async () => {
    const s = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    await putSeconds(s.id, recordedSeconds().map((_, t) => t).reverse());
    expect((await samplesOf(db, s.id)).map((r) => r.agg)).toEqual(recordedSeconds());
  });

  it('returns nothing for an unknown session', async () => {
    expect(await samplesOf(db, 'nope')).toEqual([]);
  });
});

describe('deleteSession', () => {
  it('removes the session and every one of its samples, and nothing of other sessions', async () => {
    const a = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    const b = await createSession(db, { site: 'x', startedAt: T0 + 1, settings: { sampleFps: 10 } });
    await putSeconds(a.id, recordedSeconds().map((_, t) => t));
    await putSeconds(b.id, [0, 1, 2]);
    expect(await db.samples.count()).toBe(34);

    expect(await deleteSession(db, a.id)).toBe(true);
    expect(await getSession(db, a.id)).toBeUndefined();
    expect(await db.samples.where('sessionId').equals(a.id).count()).toBe(0);
    expect(await db.samples.count()).toBe(3);
    expect(await db.sessions.count()).toBe(1);
    expect((await samplesOf(db, b.id)).map((r) => r.t)).toEqual([0, 1, 2]);
  });

  it('returns false for an unknown session but still removes samples left under its id', async () => {
    await putSeconds('orphan', [0, 1]);
    expect(await deleteSession(db, 'orphan')).toBe(false);
    expect(await db.samples.count()).toBe(0);
  });

  it('deletes all or nothing: when removing the session fails, its samples are still there', async () => {
    const s = await createSession(db, { site: 'x', startedAt: T0, settings: { sampleFps: 10 } });
    await putSeconds(s.id, [0, 1, 2]);
    vi.spyOn(db.sessions, 'delete').mockRejectedValueOnce(new Error('disk went away'));
    await expect(deleteSession(db, s.id)).rejects.toThrow('disk went away');
    expect(await getSession(db, s.id)).toBeDefined();
    expect(await db.samples.count()).toBe(3);
  });
});

describe('deleteAllSessions', () => {
  it('removes every session, second and nudge, so nothing is left in IndexedDB', async () => {
    const db = freshDB();
    const a = await createSession(db, { site: 'jitsi', startedAt: 1, settings: { sampleFps: 5 } });
    const b = await createSession(db, { site: 'meet', startedAt: 2, settings: { sampleFps: 5 } });
    await db.samples.bulkPut(recordedSeconds().slice(0, 3).map((agg, t) => ({ sessionId: a.id, t, at: t * 1000, agg })));
    await addNudge(db, { sessionId: b.id, at: 5, t: 0, kind: 'framing', message: 'x' });
    expect(await deleteAllSessions(db)).toBe(2);
    expect([await db.sessions.count(), await db.samples.count(), await db.nudges.count()]).toEqual([0, 0, 0]);
    db.close();
  });
});
