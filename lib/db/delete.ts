/**
 * Deleting stored calls for real: a session goes together with its seconds, nudges and data keys,
 * in one transaction, so nothing is left behind that nobody could see or delete.
 */
import type { SelfviewDB } from './schema';
import { samplesRange } from './sessions';

/** The tables a session's data lives in. */
const sessionTables = (db: SelfviewDB) => [db.sessions, db.samples, db.nudges, db.keys];

/** Deletes inside a running transaction; returns how many of the sessions existed. */
async function deleteIn(db: SelfviewDB, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  const existing = (await db.sessions.bulkGet(unique)).filter((s) => s !== undefined).length;
  for (const id of unique) {
    // Seconds, nudges and keys go even when the session record is missing, so nothing is orphaned.
    await samplesRange(db, id).delete();
    await db.nudges.where('sessionId').equals(id).delete();
    await db.keys.where('sessionId').equals(id).delete();
  }
  await db.sessions.bulkDelete(unique);
  return existing;
}

/** Deletes these sessions with everything of theirs; returns how many existed. */
export function deleteSessions(db: SelfviewDB, ids: string[]): Promise<number> {
  return db.transaction('rw', sessionTables(db), () => deleteIn(db, ids));
}

/** Deletes the ended sessions that started between `from` and `to` (ms since the epoch, both inclusive); a running call is kept. Returns how many. */
export function deleteSessionsBetween(db: SelfviewDB, from: number, to: number): Promise<number> {
  return db.transaction('rw', sessionTables(db), async () => {
    if (from > to) return 0;
    const ids = await db.sessions.where('startedAt').between(from, to, true, true).filter((s) => s.endedAt !== null).primaryKeys();
    return deleteIn(db, ids);
  });
}

/** Deletes the ended sessions whose end is before `cutoff` (ms since the epoch); a running call is never touched. Returns how many. */
export function deleteSessionsEndedBefore(db: SelfviewDB, cutoff: number): Promise<number> {
  return db.transaction('rw', sessionTables(db), async () => {
    // Running sessions have endedAt null, which is not in the index.
    const ids = await db.sessions.where('endedAt').below(cutoff).primaryKeys();
    return deleteIn(db, ids);
  });
}

/** Empties every table of the database: calls, seconds, nudges, goals, imported packets, keys and meta (the encryption setup). */
export function deleteEverythingInDB(db: SelfviewDB): Promise<void> {
  return db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}
