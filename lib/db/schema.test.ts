// Protects the stored schema: database name and version, tables, primary keys and indexes as IndexedDB really has them, and a faithful round trip of a recorded second.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createDB, DB_NAME, getDB, type SampleRecord, type SelfviewDB } from './schema';
import { freshDB, recordedSecond, recordedSeconds } from './test-support';

let db: SelfviewDB;
afterEach(() => db?.close());

/** What IndexedDB itself holds for a store (not what Dexie believes). */
function storeShape(db: SelfviewDB, name: string) {
  const store = db.backendDB().transaction(name, 'readonly').objectStore(name);
  const indexes = Object.fromEntries([...store.indexNames].map((i) => [i, store.index(i).keyPath]));
  return { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
}

describe('SelfviewDB', () => {
  it('opens as version 2 of the "selfview" database with its three tables', async () => {
    db = freshDB();
    await db.open();
    expect(db.name).toBe(DB_NAME);
    expect(DB_NAME).toBe('selfview');
    expect(db.verno).toBe(2);
    expect([...db.backendDB().objectStoreNames].sort()).toEqual(['nudges', 'samples', 'sessions']);
    expect(storeShape(db, 'nudges')).toEqual({ keyPath: ['sessionId', 'at'], autoIncrement: false, indexes: { sessionId: 'sessionId', kind: 'kind' } });
  });

  it('upgrades a version-1 database without touching its sessions and seconds', async () => {
    const factory = new IDBFactory();
    const v1 = new Dexie(DB_NAME, { indexedDB: factory, IDBKeyRange });
    v1.version(1).stores({ sessions: 'id, startedAt, endedAt, site', samples: '[sessionId+t], sessionId' });
    const session = { id: 's1', site: 'jitsi', startedAt: 1, endedAt: 2, endReason: 'left', seconds: 1, notes: '', tags: [], settings: { sampleFps: 5 } };
    await v1.table('sessions').add(session);
    await v1.table('samples').add({ sessionId: 's1', t: 0, at: 1, agg: recordedSecond(0) });
    v1.close();
    db = createDB(DB_NAME, { indexedDB: factory, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.sessions.toArray()).toEqual([session]);
    expect(await db.samples.count()).toBe(1);
    expect(await db.nudges.count()).toBe(0);
  });

  it('keys sessions by id and indexes startedAt, endedAt and site', async () => {
    db = freshDB();
    await db.open();
    expect(storeShape(db, 'sessions')).toEqual({
      keyPath: 'id',
      autoIncrement: false,
      indexes: { startedAt: 'startedAt', endedAt: 'endedAt', site: 'site' },
    });
  });

  it('keys samples by [sessionId, t] and indexes sessionId', async () => {
    db = freshDB();
    await db.open();
    expect(storeShape(db, 'samples')).toEqual({ keyPath: ['sessionId', 't'], autoIncrement: false, indexes: { sessionId: 'sessionId' } });
  });

  it('stores a recorded second as plain numbers and reads it back unchanged', async () => {
    db = freshDB();
    const agg = recordedSecond(17);
    expect(agg.cues).not.toBeNull();
    const row: SampleRecord = { sessionId: 's1', t: 17, at: 1_700_000_017_000, agg };
    await db.samples.put(row);
    expect(await db.samples.get(['s1', 17])).toEqual(row);
  });

  it('writing the same [sessionId, t] again overwrites it', async () => {
    db = freshDB();
    const [a, b] = recordedSeconds();
    await db.samples.put({ sessionId: 's1', t: 0, at: 1, agg: a! });
    await db.samples.put({ sessionId: 's1', t: 0, at: 2, agg: b! });
    expect(await db.samples.count()).toBe(1);
    expect((await db.samples.get(['s1', 0]))!.agg).toEqual(b);
  });

  it('gives each test its own database (fresh instances share nothing)', async () => {
    db = freshDB();
    await db.samples.put({ sessionId: 's1', t: 0, at: 1, agg: recordedSecond(0) });
    const other = freshDB();
    try {
      expect(await other.samples.count()).toBe(0);
    } finally {
      other.close();
    }
  });

  it('getDB returns one shared instance named "selfview"', () => {
    const shared = getDB();
    expect(getDB()).toBe(shared);
    expect(shared.name).toBe('selfview');
  });
});
