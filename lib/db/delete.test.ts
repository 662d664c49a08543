// Protects deleting: chosen sessions, a start range (ended sessions only) and everything go with their seconds, nudges and keys — checked in the raw IndexedDB stores, not through Dexie's view — and other sessions stay intact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SelfviewDB } from './schema';
import { deleteEverythingInDB, deleteSessions, deleteSessionsBetween } from './delete';
import { addNudge, createSession, deleteAllSessions, deleteSession, endSession } from './sessions';
import { freshDB, recordedSeconds } from './test-support';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
let db: SelfviewDB;

/** A call on day `day` with 5 recorded seconds, a nudge and a data key; `running` leaves it unended. */
async function call(id: string, day: number, running = false): Promise<void> {
  const startedAt = T0 + day * DAY;
  await createSession(db, { id, site: 'meet', startedAt, settings: { sampleFps: 5 } });
  await db.samples.bulkPut(recordedSeconds().slice(0, 5).map((agg) => ({ sessionId: id, t: agg.t, at: startedAt + agg.t * 1000, agg })));
  await addNudge(db, { sessionId: id, at: startedAt + 3000, t: 3, kind: 'framing', message: 'x' });
  await db.keys.put({ id: `key-${id}`, sessionId: id, wrapped: new ArrayBuffer(16), createdAt: startedAt });
  if (!running) await endSession(db, id, startedAt + 5000, 'left');
}

/** What the IndexedDB stores themselves hold, per store: the session ids their records belong to. */
async function raw(): Promise<Record<string, string[]>> {
  const idb = db.backendDB();
  const out: Record<string, string[]> = {};
  for (const name of ['sessions', 'samples', 'nudges', 'keys']) {
    const all = await new Promise<{ id?: string; sessionId?: string }[]>((resolve, reject) => {
      const req = idb.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result as { id?: string; sessionId?: string }[]);
      req.onerror = () => reject(req.error);
    });
    out[name] = [...new Set(all.map((r) => r.sessionId ?? r.id!))].sort();
  }
  return out;
}
const only = (...ids: string[]) => ({ sessions: ids, samples: ids, nudges: ids, keys: ids });

beforeEach(async () => {
  db = freshDB();
  await call('d0', 0);
  await call('d1', 1);
  await call('d2', 2);
  await call('live', 3, true);
});
afterEach(() => db.close());

describe('deleteSessions', () => {
  it('deletes the chosen sessions with their seconds, nudges and keys; the others stay whole', async () => {
    expect(await raw()).toEqual(only('d0', 'd1', 'd2', 'live'));
    expect(await deleteSessions(db, ['d0', 'd2', 'd2', 'missing'])).toBe(2);
    expect(await raw()).toEqual(only('d1', 'live'));
    expect(await db.samples.where('sessionId').equals('d1').count()).toBe(5);
    expect(await deleteSessions(db, [])).toBe(0);
  });

  it('also removes leftovers of a session whose record is already gone', async () => {
    await db.sessions.delete('d1');
    expect(await deleteSessions(db, ['d1'])).toBe(0);
    expect(await raw()).toEqual(only('d0', 'd2', 'live'));
  });
});

describe('deleteSessionsBetween', () => {
  it('deletes ended sessions that started in the range (both ends inclusive), never the running one', async () => {
    expect(await deleteSessionsBetween(db, T0 + DAY, T0 + 3 * DAY)).toBe(2);
    expect(await raw()).toEqual(only('d0', 'live'));
    expect(await deleteSessionsBetween(db, T0, T0)).toBe(1);
    expect(await raw()).toEqual(only('live'));
  });

  it('deletes nothing for an empty or reversed range', async () => {
    expect(await deleteSessionsBetween(db, T0 + 1, T0 + DAY - 1)).toBe(0);
    expect(await deleteSessionsBetween(db, T0 + 2 * DAY, T0)).toBe(0);
    expect(await raw()).toEqual(only('d0', 'd1', 'd2', 'live'));
  });
});

describe('deleteEverythingInDB', () => {
  it('empties every table, goals, packets and meta included', async () => {
    await db.goals.add({ id: 'g', cue: 'smiling', direction: 'atLeast', target: 0.2, createdAt: T0, archivedAt: null });
    await db.packets.add({ id: 'p', person: 'Ana', createdAt: T0, importedAt: T0, packet: {} });
    await db.meta.put({ key: 'encryption', value: {} });
    await deleteEverythingInDB(db);
    for (const t of db.tables) expect(await t.count(), t.name).toBe(0);
    expect(await raw()).toEqual(only());
  });
});

describe('the older single-session deletes', () => {
  it('take the data keys along too', async () => {
    expect(await deleteSession(db, 'd1')).toBe(true);
    expect(await raw()).toEqual(only('d0', 'd2', 'live'));
    expect(await deleteAllSessions(db)).toBe(3);
    expect(await raw()).toEqual(only());
  });
});
