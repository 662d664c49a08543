/**
 * Turning existing records sealed or plain, a session at a time in batches. WebCrypto calls end a
 * Dexie transaction, so each batch is sealed (or opened) first and then written in its own
 * transaction, which writes a record only if it is still what was read. An interruption therefore
 * leaves every record either plain or sealed — both readable — and running the pass again finishes it.
 */
import { Dexie } from 'dexie';
import type { SampleRecord, Sealed, SelfviewDB, SessionRecord, SessionSummary } from '../db/schema';
import type { Opener, Sealer } from '../db/sessions';

/** Seconds per batch: one transaction each, small enough to keep the page responsive. */
const BATCH = 500;
/** Sessions a call may still be writing to: running, or ended this recently (the writer's last flush and retry). */
const RECENT_MS = 10 * 60_000;

/** Progress of a pass: seconds done of all stored seconds. */
export type Progress = (done: number, total: number) => void;

/** The sealed fields of a session record. */
export interface SessionSecrets {
  notes: string;
  summary: SessionSummary | undefined;
}

const sameSealed = (a: Sealed | undefined, b: Sealed): boolean =>
  !!a && a.keyId === b.keyId && a.iv.length === b.iv.length && a.iv.every((x, i) => x === b.iv[i]);

/** A session's seconds from after `afterT`, at most one batch. */
function batchOf(db: SelfviewDB, sessionId: string, afterT: number | null): Promise<SampleRecord[]> {
  const lower = afterT === null ? [sessionId, Dexie.minKey] : [sessionId, afterT];
  return db.samples.where('[sessionId+t]').between(lower, [sessionId, Dexie.maxKey], afterT === null, true).limit(BATCH).toArray();
}

/** Sessions still being written to (see `RECENT_MS`). */
export async function liveSessions(db: SelfviewDB, now: number): Promise<SessionRecord[]> {
  return (await db.sessions.toArray()).filter((s) => s.endedAt === null || s.endedAt > now - RECENT_MS);
}

/** Seals every plain second and every plain session's notes and summary of `sessions`. */
export async function sealSessions(db: SelfviewDB, sealer: Sealer, sessions: SessionRecord[], progress: Progress = () => {}): Promise<void> {
  const total = await db.samples.count();
  let done = 0;
  for (const s of sessions) {
    // One data key per session for this pass, stored with the first batch it seals.
    let key: Awaited<ReturnType<Sealer['newKey']>> | null = null;
    let keyStored = false;
    const withKey = async () => (key ??= await sealer.newKey(s.id));
    for (let after: number | null = null; ; ) {
      const rows = await batchOf(db, s.id, after);
      if (!rows.length) break;
      after = rows[rows.length - 1]!.t;
      const plain = rows.filter((r) => r.agg);
      if (plain.length) {
        const k = await withKey();
        const sealed = await Promise.all(plain.map(async (r) => ({ sessionId: r.sessionId, t: r.t, at: r.at, sealed: await k.seal(r.agg) })));
        await db.transaction('rw', db.samples, db.keys, async () => {
          if (!keyStored) await db.keys.put(k.record);
          const now = await db.samples.bulkGet(sealed.map((r) => [r.sessionId, r.t] as [string, number]));
          // Only rows still plain and unchanged are replaced (a writer may have rewritten one meanwhile).
          await db.samples.bulkPut(sealed.filter((r, i) => now[i]?.agg && now[i]!.at === r.at));
        });
        keyStored = true;
      }
      done += rows.length;
      progress(Math.min(done, total), total);
    }
    if (!s.sealed) {
      const k = await withKey();
      const secrets: SessionSecrets = { notes: s.notes, summary: s.summary };
      const sealed = await k.seal(secrets);
      await db.transaction('rw', db.sessions, db.keys, async () => {
        if (!keyStored) await db.keys.put(k.record);
        const cur = await db.sessions.get(s.id);
        // Notes edited (or a summary added) meanwhile stay plain until the next pass: never overwrite them.
        if (!cur || cur.sealed || cur.notes !== s.notes || JSON.stringify(cur.summary) !== JSON.stringify(s.summary)) return;
        const { summary: _drop, ...rest } = cur;
        await db.sessions.put({ ...rest, notes: '', sealed });
      });
    }
  }
}

/** Opens every sealed second and session of `sessions` back to plain records. */
export async function openSessions(db: SelfviewDB, opener: Opener, sessions: SessionRecord[], progress: Progress = () => {}): Promise<void> {
  const total = await db.samples.count();
  let done = 0;
  for (const s of sessions) {
    for (let after: number | null = null; ; ) {
      const rows = await batchOf(db, s.id, after);
      if (!rows.length) break;
      after = rows[rows.length - 1]!.t;
      const sealed = rows.filter((r) => r.sealed && !r.agg);
      if (sealed.length) {
        const plain = await Promise.all(sealed.map(async (r) => ({ row: { sessionId: r.sessionId, t: r.t, at: r.at, agg: await opener.open<SampleRecord['agg']>(r.sealed!) }, was: r.sealed! })));
        await db.transaction('rw', db.samples, async () => {
          const now = await db.samples.bulkGet(plain.map((p) => [p.row.sessionId, p.row.t] as [string, number]));
          await db.samples.bulkPut(plain.filter((p, i) => sameSealed(now[i]?.sealed, p.was)).map((p) => p.row));
        });
      }
      done += rows.length;
      progress(Math.min(done, total), total);
    }
    if (s.sealed) {
      const was = s.sealed;
      const { notes, summary } = await opener.open<SessionSecrets>(was);
      await db.transaction('rw', db.sessions, async () => {
        const cur = await db.sessions.get(s.id);
        if (!cur || !sameSealed(cur.sealed, was)) return;
        const { sealed: _drop, ...rest } = cur;
        await db.sessions.put(summary === undefined ? { ...rest, notes } : { ...rest, notes, summary });
      });
    }
  }
}

/** Whether any of `sessions` still has a sealed second or sealed fields. */
export async function anySealed(db: SelfviewDB, sessions: SessionRecord[]): Promise<boolean> {
  for (const s of sessions) {
    if ((await db.sessions.get(s.id))?.sealed) return true;
    if ((await db.samples.where('[sessionId+t]').between([s.id, Dexie.minKey], [s.id, Dexie.maxKey]).filter((r) => !!r.sealed).count()) > 0) return true;
  }
  return false;
}
