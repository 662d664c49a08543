// Protects what a full disk does to a call: a QuotaExceededError raised by IndexedDB in the middle of a batch (a real aborted transaction, not a mocked call) keeps every second stored before intact, stores nothing of the failed batch, and is reported as "Storage is full".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SampleWriter } from './sample-writer';
import type { SampleRecord, SelfviewDB } from './schema';
import { createSession, getSession, samplesOf } from './sessions';
import { freshDB, recordedSecond } from './test-support';

const T0 = 1_700_000_000_000;
let db: SelfviewDB;
let errors: string[];
/** Creations of sample rows that the "disk" still has room for (Infinity: no limit). */
let room: number;

beforeEach(async () => {
  db = freshDB();
  errors = [];
  room = Infinity;
  // Every new sample row passes here inside the write transaction; past the room, it fails as a full disk does.
  db.samples.hook('creating', (_key, row: SampleRecord) => {
    if (room <= 0) throw new DOMException(`No room for second ${row.t}.`, 'QuotaExceededError');
    room--;
  });
  await createSession(db, { id: 's1', site: 'meet', startedAt: T0, settings: { sampleFps: 5 } });
});
afterEach(() => db.close());

/** A writer whose timer never fires by itself (the test flushes). */
const writer = () => new SampleWriter(db, { onError: (m) => errors.push(m), timers: { set: () => 0, clear: () => undefined } });
const add = (w: SampleWriter, from: number, to: number) => {
  for (let t = from; t < to; t++) w.add('s1', t, T0 + t * 1000, recordedSecond(t));
};

describe('SampleWriter on a full disk', () => {
  it('keeps the stored seconds intact, stores none of the failed batch, and reports it', async () => {
    const w = writer();
    add(w, 0, 10);
    expect(await w.flush()).toBe(true);
    const before = await samplesOf(db, 's1');
    expect(before).toHaveLength(10);

    room = 3; // the disk fills up in the middle of the next batch
    add(w, 10, 20);
    expect(await w.flush()).toBe(false);
    expect(await samplesOf(db, 's1')).toEqual(before); // the 3 that fitted were rolled back with the rest
    expect((await getSession(db, 's1'))!.seconds).toBe(10);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Storage is full: .*\(10 second\(s\) will be retried\)\.$/);

    // Still full at the retry: given up and reported; what was stored is still there.
    expect(await w.flush()).toBe(false);
    expect(errors[1]).toMatch(/^Storage is full: .*\(10 second\(s\) were discarded\)\.$/);
    expect(await samplesOf(db, 's1')).toEqual(before);

    // Room again: later seconds are stored as before.
    room = Infinity;
    add(w, 20, 22);
    expect(await w.close()).toBe(true);
    expect((await samplesOf(db, 's1')).map((r) => r.t)).toEqual([...Array(10).keys(), 20, 21]);
    expect((await getSession(db, 's1'))!.seconds).toBe(12);
  });
});
