/**
 * Sessions and their stored seconds. Every function takes the database as its first argument
 * (`getDB()` in the extension, a fresh instance in tests), so nothing here holds hidden state.
 */
import { Dexie } from 'dexie';
import type { SecondAggregate } from '../cues/types';
import type { EndReason, KeyRecord, NudgeRecord, SampleRecord, Sealed, SelfviewDB, SessionRecord, SessionSettings, SessionSummary } from './schema';

/**
 * Opens sealed (encrypted) records. Implemented by the unlocked vault (lib/crypto); absent while
 * locked or when encryption is off.
 */
export interface Opener {
  open<T>(sealed: Sealed): Promise<T>;
}

/**
 * Seals values for storage while encryption is on. Implemented by lib/crypto with the user's public
 * key, so writing needs no passphrase. Seal *before* a Dexie transaction: WebCrypto promises inside
 * one would end it early.
 */
export interface Sealer {
  /** A new data key for a session: the record to store with what it seals, and the sealing function. */
  newKey(sessionId: string): Promise<{ record: KeyRecord; seal(value: unknown): Promise<Sealed> }>;
}

/** Thrown when encrypted records are read without an unlocked vault: the page asks for the passphrase. */
export class LockedError extends Error {
  constructor() {
    super('Your history is encrypted. Unlock it with your passphrase to read it.');
    this.name = 'LockedError';
  }
}

/** What starting a session needs. */
export interface NewSession {
  /** The id, when the caller made it first (e.g. a state machine that names the session before storing it); a random UUID otherwise. */
  id?: string;
  site: string;
  /** ms since the epoch. */
  startedAt: number;
  settings: SessionSettings;
}

/**
 * Stores a new running session and returns it. With a caller-given id that is already stored,
 * nothing changes and the stored session is returned, so a retried start (e.g. after the service
 * worker was stopped mid-way) neither fails nor resets the session.
 */
export async function createSession(db: SelfviewDB, s: NewSession): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: s.id ?? crypto.randomUUID(),
    site: s.site,
    startedAt: s.startedAt,
    endedAt: null,
    endReason: null,
    seconds: 0,
    notes: '',
    tags: [],
    // A copy, so a caller changing its settings object later cannot change what was stored.
    settings: { ...s.settings },
  };
  return db.transaction('rw', db.sessions, async () => {
    const existing = await db.sessions.get(session.id);
    if (existing) return existing;
    await db.sessions.add(session);
    return session;
  });
}

/**
 * Ends a running session. The first end wins: a session already ended keeps its reason (a
 * "stopped" session must not become "tabClosed" when its tab closes afterwards).
 * Returns whether the session was running and is now ended.
 */
export async function endSession(db: SelfviewDB, id: string, endedAt: number, reason: EndReason): Promise<boolean> {
  return db.transaction('rw', db.sessions, async () => {
    const s = await db.sessions.get(id);
    if (!s || s.endedAt !== null) return false;
    await db.sessions.update(id, { endedAt, endReason: reason });
    return true;
  });
}

/** The session with this id, if stored. */
export function getSession(db: SelfviewDB, id: string): Promise<SessionRecord | undefined> {
  return db.sessions.get(id);
}

/** Stored sessions, newest start first; at most `limit` of them when given. */
export function listSessions(db: SelfviewDB, { limit }: { limit?: number } = {}): Promise<SessionRecord[]> {
  const newestFirst = db.sessions.orderBy('startedAt').reverse();
  return (limit === undefined ? newestFirst : newestFirst.limit(limit)).toArray();
}

/** The primary-key range of one session's samples (the key is `[sessionId, t]`, so this is in order of t). */
export function samplesRange(db: SelfviewDB, sessionId: string) {
  return db.samples.where('[sessionId+t]').between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey], true, true);
}

/** A session's stored seconds, in order of t. */
export function samplesOf(db: SelfviewDB, sessionId: string): Promise<SampleRecord[]> {
  return samplesRange(db, sessionId).toArray();
}

/** One stored second opened: its plain aggregate (decrypted when it was sealed). */
export async function openSample(r: SampleRecord, opener?: Opener | null): Promise<SecondAggregate> {
  if (r.agg) return r.agg;
  if (!r.sealed) throw new Error(`Second ${r.t} of session ${r.sessionId} has no data.`);
  if (!opener) throw new LockedError();
  return opener.open<SecondAggregate>(r.sealed);
}

/** The parts of a session record that are sealed when encryption is on, opened. */
export async function openSessionFields(s: SessionRecord, opener?: Opener | null): Promise<{ notes: string; summary: SessionSummary | undefined }> {
  if (!s.sealed) return { notes: s.notes, summary: s.summary };
  if (!opener) throw new LockedError();
  return opener.open<{ notes: string; summary: SessionSummary | undefined }>(s.sealed);
}

/** A session's seconds as plain aggregates, in order of t; throws `LockedError` when they are encrypted and no opener is given. */
export async function readSeconds(db: SelfviewDB, sessionId: string, opener?: Opener | null): Promise<SecondAggregate[]> {
  const rows = await samplesOf(db, sessionId);
  return Promise.all(rows.map((r) => openSample(r, opener)));
}

/** Stores a nudge given in a session. */
export async function addNudge(db: SelfviewDB, n: Omit<NudgeRecord, 'notHelpful'>): Promise<void> {
  await db.nudges.put({ ...n, notHelpful: false });
}

/** Marks a session's nudge as not helpful. */
export async function markNudgeNotHelpful(db: SelfviewDB, sessionId: string, at: number): Promise<void> {
  await db.nudges.update([sessionId, at], { notHelpful: true });
}

/** A session's nudges, in time order. */
export function nudgesOf(db: SelfviewDB, sessionId: string): Promise<NudgeRecord[]> {
  return db.nudges.where('[sessionId+at]').between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey], true, true).toArray();
}

/** Deletes a session with all its samples, nudges and data keys, together or not at all. Returns whether the session existed. */
export async function deleteSession(db: SelfviewDB, id: string): Promise<boolean> {
  return db.transaction('rw', [db.sessions, db.samples, db.nudges, db.keys], async () => {
    const existed = (await db.sessions.get(id)) !== undefined;
    // Samples, nudges and keys go even when the session record is missing, so nothing is orphaned.
    await db.nudges.where('sessionId').equals(id).delete();
    await db.keys.where('sessionId').equals(id).delete();
    await samplesRange(db, id).delete();
    await db.sessions.delete(id);
    return existed;
  });
}

/** Deletes every session with its samples, nudges and data keys, in one transaction. Returns how many sessions there were. */
export async function deleteAllSessions(db: SelfviewDB): Promise<number> {
  return db.transaction('rw', [db.sessions, db.samples, db.nudges, db.keys], async () => {
    const n = await db.sessions.count();
    await Promise.all([db.sessions.clear(), db.samples.clear(), db.nudges.clear(), db.keys.clear()]);
    return n;
  });
}
