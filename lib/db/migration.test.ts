// Protects upgrades: a real version-1 and a real version-2 database with data (opened with those versions' own declarations) open as version 3 with every record unchanged, and the new tables and the tag index work on them.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createDB, DB_NAME, type NudgeRecord, type SampleRecord, type SelfviewDB, type SessionRecord } from './schema';
import { deleteSessions } from './delete';
import { addGoal, listGoals } from './goals';
import { findSessions } from './queries';
import { setNotesAndTags } from './notes';
import { ensureSummaries, summarize } from './summaries';
import { recordedSeconds } from './test-support';

/** The declarations as they shipped (copied, never imported: schema.ts may only grow). */
const V1 = { sessions: 'id, startedAt, endedAt, site', samples: '[sessionId+t], sessionId' };
const V2 = { nudges: '[sessionId+at], sessionId, kind' };

const T0 = 1_700_000_000_000;
const sessions: SessionRecord[] = [
  { id: 's1', site: 'jitsi', startedAt: T0, endedAt: T0 + 31_000, endReason: 'left', seconds: 31, notes: 'practice talk', tags: ['talk'], settings: { sampleFps: 5 } },
  { id: 's2', site: 'https://meet.example.org', startedAt: T0 + 86_400_000, endedAt: T0 + 86_410_000, endReason: 'stopped', seconds: 10, notes: '', tags: [], settings: { sampleFps: 5, baselineId: 'b1' } },
  { id: 's3', site: 'meet', startedAt: T0 + 2 * 86_400_000, endedAt: null, endReason: null, seconds: 0, notes: '', tags: [], settings: { sampleFps: 8 } },
];
const samples: SampleRecord[] = [
  ...recordedSeconds().map((agg) => ({ sessionId: 's1', t: agg.t, at: T0 + agg.t * 1000, agg })),
  ...recordedSeconds().slice(0, 10).map((agg) => ({ sessionId: 's2', t: agg.t, at: T0 + 86_400_000 + agg.t * 1000, agg })),
];
const nudges: NudgeRecord[] = [
  { sessionId: 's1', at: T0 + 20_000, t: 20, kind: 'lookAway', message: 'You have mostly not looked at the camera for about a minute.', notHelpful: true },
];

let factory: IDBFactory;
let db: SelfviewDB | undefined;
afterEach(() => db?.close());

/** Makes a database with the declarations of versions 1..`version`, fills it, and closes it. */
async function oldDatabase(version: 1 | 2): Promise<void> {
  factory = new IDBFactory();
  const old = new Dexie(DB_NAME, { indexedDB: factory, IDBKeyRange });
  old.version(1).stores(V1);
  if (version === 2) old.version(2).stores(V2);
  await old.table('sessions').bulkAdd(sessions);
  await old.table('samples').bulkAdd(samples);
  if (version === 2) await old.table('nudges').bulkAdd(nudges);
  expect(old.verno).toBe(version);
  old.close();
}

async function openCurrent(): Promise<SelfviewDB> {
  db = createDB(DB_NAME, { indexedDB: factory, IDBKeyRange });
  await db.open();
  return db;
}

describe.each([1, 2] as const)('upgrading a version-%i database', (version) => {
  it('keeps every session, second and nudge exactly as stored', async () => {
    await oldDatabase(version);
    const db = await openCurrent();
    expect(db.verno).toBe(3);
    expect(await db.sessions.orderBy('id').toArray()).toEqual(sessions);
    expect(await db.samples.toArray()).toEqual([...samples].sort((a, b) => a.sessionId.localeCompare(b.sessionId) || a.t - b.t));
    expect(await db.nudges.toArray()).toEqual(version === 2 ? nudges : []);
    for (const t of [db.goals, db.packets, db.keys, db.meta]) expect(await t.count()).toBe(0);
  });

  it('indexes the tags of the old sessions and can write and read the new tables', async () => {
    await oldDatabase(version);
    const db = await openCurrent();
    expect((await findSessions(db, { tag: 'talk' })).map((s) => s.id)).toEqual(['s1']);
    await setNotesAndTags(db, 's2', 'after the upgrade', ['team']);
    expect((await findSessions(db, { tag: 'team' })).map((s) => s.id)).toEqual(['s2']);
    const goal = await addGoal(db, { cue: 'lookingAtCamera', direction: 'atLeast', target: 0.6 }, T0);
    expect(await listGoals(db)).toEqual([goal]);
    await db.packets.add({ id: 'p1', person: 'Ana', createdAt: T0, importedAt: T0 + 1, packet: { format: 'selfview-coach-packet' } });
    await db.keys.add({ id: 'k1', sessionId: 's1', wrapped: new ArrayBuffer(8), createdAt: T0 });
    await db.meta.put({ key: 'encryption', value: { on: false } });
    expect([await db.packets.count(), await db.keys.count(), (await db.meta.get('encryption'))?.value]).toEqual([1, 1, { on: false }]);
  });

  it('summarises the old ended sessions from their seconds (the running one is left alone)', async () => {
    await oldDatabase(version);
    const db = await openCurrent();
    expect(await ensureSummaries(db, { now: T0 + 3 * 86_400_000 })).toBe(2);
    const s1 = (await db.sessions.get('s1'))!;
    expect(s1.summary).toEqual(summarize(recordedSeconds(), 31, version === 2 ? 1 : 0));
    expect(s1.notes).toBe('practice talk');
    expect((await db.sessions.get('s3'))!.summary).toBeUndefined();
    expect(await deleteSessions(db, ['s1'])).toBe(1);
    expect([await db.samples.where('sessionId').equals('s1').count(), await db.keys.count()]).toEqual([0, 0]);
  });
});
