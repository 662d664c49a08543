// Protects the stored schema: database name and version, tables, primary keys and indexes as IndexedDB really has them, and a faithful round trip of a recorded second. (Upgrades from every earlier version: migration.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, getDB, type SampleRecord, type SelfviewDB, type SessionRecord } from './schema';
import { freshDB, recordedSecond, recordedSeconds } from './test-support';

let db: SelfviewDB;
afterEach(() => db?.close());

/** An ended session as every schema version stored it. */
const session = (id: string, over: Partial<SessionRecord> = {}): SessionRecord =>
  ({ id, site: 'jitsi', startedAt: 1_700_000_000_000, endedAt: 1_700_000_031_000, endReason: 'left', seconds: 31, notes: '', tags: [], settings: { sampleFps: 5 }, ...over });

/** What IndexedDB itself holds for a store (not what Dexie believes). */
function storeShape(db: SelfviewDB, name: string) {
  const store = db.backendDB().transaction(name, 'readonly').objectStore(name);
  const indexes = Object.fromEntries([...store.indexNames].map((i) => [i, store.index(i).keyPath]));
  return { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
}

describe('SelfviewDB', () => {
  it('opens as version 3 of the "selfview" database with its seven tables', async () => {
    db = freshDB();
    await db.open();
    expect(db.name).toBe(DB_NAME);
    expect(DB_NAME).toBe('selfview');
    expect(db.verno).toBe(3);
    expect([...db.backendDB().objectStoreNames].sort()).toEqual(['goals', 'keys', 'meta', 'nudges', 'packets', 'samples', 'sessions']);
    expect(storeShape(db, 'nudges')).toEqual({ keyPath: ['sessionId', 'at'], autoIncrement: false, indexes: { sessionId: 'sessionId', kind: 'kind' } });
    expect(storeShape(db, 'goals')).toEqual({ keyPath: 'id', autoIncrement: false, indexes: { createdAt: 'createdAt' } });
    expect(storeShape(db, 'packets')).toEqual({ keyPath: 'id', autoIncrement: false, indexes: { person: 'person', createdAt: 'createdAt', importedAt: 'importedAt' } });
    expect(storeShape(db, 'keys')).toEqual({ keyPath: 'id', autoIncrement: false, indexes: { sessionId: 'sessionId' } });
    expect(storeShape(db, 'meta')).toEqual({ keyPath: 'key', autoIncrement: false, indexes: {} });
  });

  it('indexes each tag of a session (multi-entry), so a tag finds its sessions', async () => {
    db = freshDB();
    await db.open();
    const tags = db.backendDB().transaction('sessions', 'readonly').objectStore('sessions').index('tags');
    expect([tags.keyPath, tags.multiEntry]).toEqual(['tags', true]);
    await db.sessions.bulkAdd([session('a', { tags: ['interview', 'team'] }), session('b', { tags: ['team'] }), session('c')]);
    expect((await db.sessions.where('tags').equals('team').primaryKeys()).sort()).toEqual(['a', 'b']);
    expect(await db.sessions.where('tags').equals('interview').primaryKeys()).toEqual(['a']);
  });

  it('keys sessions by id and indexes startedAt, endedAt, site and tags', async () => {
    db = freshDB();
    await db.open();
    expect(storeShape(db, 'sessions')).toEqual({
      keyPath: 'id',
      autoIncrement: false,
      indexes: { startedAt: 'startedAt', endedAt: 'endedAt', site: 'site', tags: 'tags' },
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
