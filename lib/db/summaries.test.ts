// Protects session summaries: the same numbers as the after-call report on recorded seconds, filled in once for ended sessions only (not for a running or just-ended one), for encrypted sessions only with an opener and a sealer, and always sealed while encryption is on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callReport } from '../feedback/report';
import type { SelfviewDB, SessionRecord } from './schema';
import { addNudge, createSession, endSession, LockedError, openSessionFields } from './sessions';
import { ensureSummaries, SETTLE_MS, summarize } from './summaries';
import { freshDB, recordedSeconds, testVault } from './test-support';

const T0 = 1_700_000_000_000;
const LATER = T0 + 3_600_000;
let db: SelfviewDB;
beforeEach(() => {
  db = freshDB();
});
afterEach(() => db.close());

/** An ended session with the recorded seconds, `nudges` nudges and notes. */
async function recordedCall(id: string, opts: { nudges?: number; notes?: string; end?: number } = {}): Promise<SessionRecord> {
  await createSession(db, { id, site: 'jitsi', startedAt: T0, settings: { sampleFps: 5 } });
  await db.samples.bulkPut(recordedSeconds().map((agg) => ({ sessionId: id, t: agg.t, at: T0 + agg.t * 1000, agg })));
  for (let i = 0; i < (opts.nudges ?? 0); i++) await addNudge(db, { sessionId: id, at: T0 + 10_000 + i, t: 10, kind: 'lookAway', message: 'x' });
  await db.sessions.update(id, { seconds: 31, notes: opts.notes ?? '' });
  await endSession(db, id, opts.end ?? T0 + 32_000, 'left');
  return (await db.sessions.get(id))!;
}

describe('summarize', () => {
  it('takes durations, shares and the blink rate from the call report of recorded seconds', () => {
    const seconds = recordedSeconds();
    const s = summarize(seconds, 32, 2);
    const r = callReport(seconds, 32);
    expect(s).toMatchObject({ v: 1, durationS: 32, judgedS: r.judgedS, unreadS: r.unreadS, shares: r.shares, blinksPerMinute: r.blinksPerMinute, nudges: 2 });
    expect(s.judgedS + s.unreadS).toBe(31);
    expect(s.judgedS).toBeGreaterThan(0);
    expect(s.shares.lookingAtCamera).toBeGreaterThanOrEqual(0);
    expect(s.shares.lookingAtCamera).toBeLessThanOrEqual(1);
    // Mean expressiveness of the judged seconds only.
    const judged = seconds.filter((a) => a.cues !== null && a.quality >= 0.5);
    expect(s.expressiveness).toBeCloseTo(judged.reduce((n, a) => n + a.expressiveness, 0) / judged.length, 10);
  });

  it('gives null shares and expressiveness when no second was judged', () => {
    const dark = recordedSeconds().map((a) => ({ ...a, quality: 0.1 }));
    const s = summarize(dark, 31, 0);
    expect([s.judgedS, s.unreadS, s.expressiveness, s.shares.smiling]).toEqual([0, 31, null, null]);
    expect(summarize([], 0, 0)).toMatchObject({ judgedS: 0, unreadS: 0, blinksPerMinute: null, expressiveness: null });
  });
});

describe('ensureSummaries', () => {
  it('fills the summary of ended sessions once, from their seconds and nudges', async () => {
    await recordedCall('a', { nudges: 2, notes: 'kept' });
    await createSession(db, { id: 'running', site: 'meet', startedAt: T0, settings: { sampleFps: 5 } });
    expect(await ensureSummaries(db, { now: LATER })).toBe(1);
    const a = (await db.sessions.get('a'))!;
    expect(a.summary).toEqual(summarize(recordedSeconds(), 32, 2));
    expect(a.notes).toBe('kept');
    expect((await db.sessions.get('running'))!.summary).toBeUndefined();
    expect(await ensureSummaries(db, { now: LATER })).toBe(0);
  });

  it('leaves a session that ended just now for later (its last seconds may still be on their way)', async () => {
    await recordedCall('a', { end: T0 + 32_000 });
    expect(await ensureSummaries(db, { now: T0 + 32_000 + SETTLE_MS - 1 })).toBe(0);
    expect(await ensureSummaries(db, { now: T0 + 32_000 + SETTLE_MS })).toBe(1);
  });

  it('skips an encrypted session without opener and sealer, and fills it sealed with them', async () => {
    const vault = testVault();
    await recordedCall('enc');
    // Seal it as encryption does: seconds and { notes, summary } sealed, plain copies removed.
    const k = await vault.sealer.newKey('enc');
    const rows = await db.samples.toArray();
    const sealedRows = await Promise.all(rows.map(async (r) => ({ sessionId: r.sessionId, t: r.t, at: r.at, sealed: await k.seal(r.agg) })));
    const fields = await k.seal({ notes: 'secret', summary: undefined });
    await db.keys.put(k.record);
    await db.samples.bulkPut(sealedRows);
    await db.sessions.update('enc', { notes: '', sealed: fields });

    expect(await ensureSummaries(db, { now: LATER })).toBe(0);
    expect(await ensureSummaries(db, { now: LATER, opener: vault.opener })).toBe(0);
    expect(await ensureSummaries(db, { now: LATER, opener: vault.opener, sealer: vault.sealer })).toBe(1);
    const s = (await db.sessions.get('enc'))!;
    expect([s.summary, s.notes]).toEqual([undefined, '']);
    await expect(openSessionFields(s)).rejects.toBeInstanceOf(LockedError);
    expect(await openSessionFields(s, vault.opener)).toEqual({ notes: 'secret', summary: summarize(recordedSeconds(), 32, 0) });
    // The new data key is stored with the session, so deleting the session deletes it too.
    expect((await db.keys.where('sessionId').equals('enc').toArray()).map((r) => r.id)).toContain(s.sealed!.keyId);
    expect(await ensureSummaries(db, { now: LATER, opener: vault.opener, sealer: vault.sealer })).toBe(0);
  });

  it('with encryption on but locked, seals the summary of a plain session and leaves one with sealed seconds for later', async () => {
    const vault = testVault();
    await recordedCall('plain', { notes: 'my words' });
    await recordedCall('mixed');
    // Encryption was turned on mid-call: the last second of "mixed" was sealed by the writer.
    const k = await vault.sealer.newKey('mixed');
    const last = (await db.samples.get(['mixed', 30]))!;
    await db.keys.put(k.record);
    await db.samples.put({ sessionId: 'mixed', t: 30, at: last.at, sealed: await k.seal(last.agg) });

    expect(await ensureSummaries(db, { now: LATER, sealer: vault.sealer })).toBe(1);
    const plain = (await db.sessions.get('plain'))!;
    expect([plain.summary, plain.notes]).toEqual([undefined, '']);
    expect(await openSessionFields(plain, vault.opener)).toEqual({ notes: 'my words', summary: summarize(recordedSeconds(), 32, 0) });
    expect((await db.sessions.get('mixed'))!.summary).toBeUndefined();
    expect(await ensureSummaries(db, { now: LATER, opener: vault.opener, sealer: vault.sealer })).toBe(1);
    expect((await openSessionFields((await db.sessions.get('mixed'))!, vault.opener)).summary).toEqual(summarize(recordedSeconds(), 32, 0));
  });
});
