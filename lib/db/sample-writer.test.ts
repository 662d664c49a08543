// Protects the sample writer: one transaction per batch and nothing written before the interval, flush on close, quota and other failures that keep stored data intact and retry once, the buffer cap, idempotent rewrites, seconds of deleted sessions, and sealing with encryption at rest (own key per writer, switching with the vault).
import { Dexie } from 'dexie';
import { IDBDatabase } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OpenError } from '../crypto/seal';
import { disableEncryption, enableEncryption, lock, sealerFor, unlock } from '../crypto/vault';
import { DEFAULT_FLUSH_MS, isQuotaError, SampleWriter, type SampleWriterOptions, type Timers } from './sample-writer';
import type { SelfviewDB } from './schema';
import { createSession, deleteSession, getSession, LockedError, readSeconds, samplesOf } from './sessions';
import { freshDB, recordedSecond, recordedSeconds } from './test-support';

const T0 = 1_700_000_000_000;

/** Timers that only fire when the test advances its clock (IndexedDB's own scheduling stays real). */
class ManualTimers implements Timers {
  now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): number {
    this.due.set(this.nextId, { at: this.now + ms, fn });
    return this.nextId++;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Moves the clock on, firing the timers that fall due. */
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.now) continue;
      this.due.delete(id);
      t.fn();
    }
  }
  get armed(): number[] {
    return [...this.due.values()].map((t) => t.at - this.now);
  }
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: SelfviewDB;
let timers: ManualTimers;
let errors: string[];
let sessionId: string;

beforeEach(async () => {
  db = freshDB();
  timers = new ManualTimers();
  errors = [];
  sessionId = (await createSession(db, { site: 'meet.google.com', startedAt: T0, settings: { sampleFps: 10 } })).id;
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

function writer(options: SampleWriterOptions = {}): SampleWriter {
  return new SampleWriter(db, { timers, onError: (m) => errors.push(m), ...options });
}

/** Queues recorded seconds `from`..`to-1` of the session. */
function addSeconds(w: SampleWriter, from: number, to: number, id = sessionId): void {
  for (let t = from; t < to; t++) w.add(id, t, T0 + t * 1000, recordedSecond(t));
}

/** Stored t values of the session, and its `seconds` count. */
async function stored(id = sessionId): Promise<{ ts: number[]; seconds: number | undefined }> {
  return { ts: (await samplesOf(db, id)).map((r) => r.t), seconds: (await getSession(db, id))?.seconds };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('SampleWriter batching', () => {
  it('writes N samples in one read-write transaction, none before the interval and all of them after', async () => {
    // Dexie binds IndexedDB's transaction() when it opens, so the spy goes on before a reopen.
    db.close();
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await db.open();
    const writes = () => transaction.mock.calls.filter((c) => c[1] === 'readwrite').length;
    const w = writer();
    addSeconds(w, 0, 31);
    expect(timers.armed).toEqual([DEFAULT_FLUSH_MS]);

    timers.advance(DEFAULT_FLUSH_MS - 1);
    expect(await stored()).toEqual({ ts: [], seconds: 0 });
    expect(w.pendingCount).toBe(31);
    expect(writes()).toBe(0);

    timers.advance(1);
    await w.flush(); // waits for the timer's write (nothing is left for this one)
    expect(writes()).toBe(1);
    expect(await stored()).toEqual({ ts: range(0, 31), seconds: 31 });
    expect((await samplesOf(db, sessionId)).map((r) => r.agg)).toEqual(recordedSeconds());
    expect((await samplesOf(db, sessionId))[5]!.at).toBe(T0 + 5000);
    expect(w.pendingCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('arms no timer while nothing is pending, and a new one for the next batch', async () => {
    const w = writer({ flushMs: 500 });
    expect(timers.armed).toEqual([]);
    addSeconds(w, 0, 2);
    expect(timers.armed).toEqual([500]);
    timers.advance(500);
    await w.flush();
    expect(timers.armed).toEqual([]);
    addSeconds(w, 2, 3);
    expect(timers.armed).toEqual([500]);
    timers.advance(500);
    await w.flush();
    expect(await stored()).toEqual({ ts: [0, 1, 2], seconds: 3 });
  });

  it('flush() writes at once and cancels the pending timer; overlapping flushes do not interfere', async () => {
    const w = writer();
    addSeconds(w, 0, 3);
    const first = w.flush();
    addSeconds(w, 3, 5);
    expect(await Promise.all([first, w.flush()])).toEqual([true, true]);
    expect(timers.armed).toEqual([]);
    expect(await stored()).toEqual({ ts: range(0, 5), seconds: 5 });
  });

  it('uses real timers by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const w = new SampleWriter(db, { onError: (m) => errors.push(m) });
      addSeconds(w, 0, 2);
      vi.advanceTimersByTime(DEFAULT_FLUSH_MS);
      await w.flush();
      expect(await stored()).toEqual({ ts: [0, 1], seconds: 2 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SampleWriter close', () => {
  it('writes what is pending, then refuses (and reports) later samples', async () => {
    const w = writer();
    addSeconds(w, 0, 4);
    expect(await w.close()).toBe(true);
    expect(await stored()).toEqual({ ts: range(0, 4), seconds: 4 });
    expect(timers.armed).toEqual([]);
    addSeconds(w, 4, 5);
    expect(w.pendingCount).toBe(0);
    expect(errors).toEqual(['Second 4 arrived after saving was closed; it was not saved.']);
  });

  it('retries once on close and reports what it had to give up', async () => {
    const w = writer();
    addSeconds(w, 0, 3);
    vi.spyOn(db.samples, 'bulkPut').mockRejectedValue(quotaError());
    expect(await w.close()).toBe(false);
    expect(errors).toEqual([
      'Storage is full: The quota has been exceeded. (3 second(s) will be retried).',
      'Storage is full: The quota has been exceeded. (3 second(s) were discarded).',
    ]);
    expect(w.pendingCount).toBe(0);
    expect(await stored()).toEqual({ ts: [], seconds: 0 });
  });
});

describe('SampleWriter failures', () => {
  it('a quota error keeps stored data intact, says "Storage is full", and the batch is stored on the next flush', async () => {
    const w = writer();
    addSeconds(w, 0, 10);
    await w.flush();
    const before = await samplesOf(db, sessionId);

    const bulkPut = vi.spyOn(db.samples, 'bulkPut').mockRejectedValueOnce(quotaError());
    addSeconds(w, 10, 15);
    expect(await w.flush()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Storage is full: /);
    expect(errors[0]).toContain('5 second(s) will be retried');
    expect(await samplesOf(db, sessionId)).toEqual(before);
    expect((await getSession(db, sessionId))!.seconds).toBe(10);
    expect(w.pendingCount).toBe(5);
    expect(timers.armed).toEqual([DEFAULT_FLUSH_MS]); // the retry is scheduled

    timers.advance(DEFAULT_FLUSH_MS);
    await w.flush();
    expect(bulkPut).toHaveBeenCalledTimes(2); // the failed write and its retry
    expect(await stored()).toEqual({ ts: range(0, 15), seconds: 15 });
    expect(errors).toHaveLength(1);
  });

  it('recognises the quota error however Dexie wraps it', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quotaError()))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', new Error('other')))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('rolls back the whole batch when updating the session fails after the samples were put', async () => {
    const w = writer();
    addSeconds(w, 0, 3);
    await w.flush();
    vi.spyOn(db.sessions, 'update').mockRejectedValueOnce(new Dexie.DatabaseClosedError('Database has been closed'));
    addSeconds(w, 3, 6);
    expect(await w.flush()).toBe(false);
    expect(errors).toEqual(['Could not save: Database has been closed (3 second(s) will be retried).']);
    expect(await stored()).toEqual({ ts: [0, 1, 2], seconds: 3 });
    expect(await w.flush()).toBe(true);
    expect(await stored()).toEqual({ ts: range(0, 6), seconds: 6 });
  });

  it('gives a batch one retry only: after a second failure it is discarded and reported, and later seconds still save', async () => {
    const w = writer();
    const bulkPut = vi.spyOn(db.samples, 'bulkPut').mockRejectedValueOnce(quotaError()).mockRejectedValueOnce(quotaError());
    addSeconds(w, 0, 3);
    await w.flush();
    addSeconds(w, 3, 4); // joins the retry; this is its first try
    await w.flush();
    expect(errors).toEqual([
      'Storage is full: The quota has been exceeded. (3 second(s) will be retried).',
      'Storage is full: The quota has been exceeded. (1 second(s) will be retried; 3 second(s) were discarded).',
    ]);
    expect(w.pendingCount).toBe(1);
    await w.flush();
    expect(bulkPut).toHaveBeenCalledTimes(3);
    expect(await stored()).toEqual({ ts: [3], seconds: 1 });
  });

  it('keeps writing when the onError callback itself throws', async () => {
    const w = writer({ onError: () => { throw new Error('port closed'); } });
    vi.spyOn(db.samples, 'bulkPut').mockRejectedValueOnce(quotaError());
    addSeconds(w, 0, 2);
    expect(await w.flush()).toBe(false);
    expect(await w.flush()).toBe(true);
    expect(await stored()).toEqual({ ts: [0, 1], seconds: 2 });
  });

  it('refuses a second that IndexedDB could not key (it would fail every batch it joined)', async () => {
    const w = writer();
    w.add(sessionId, Number.NaN, T0, recordedSecond(0));
    w.add(sessionId, -1, T0, recordedSecond(0));
    w.add(sessionId, 1.5, T0, recordedSecond(0));
    w.add(sessionId, 2, Number.POSITIVE_INFINITY, recordedSecond(2));
    expect(w.pendingCount).toBe(0);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe('Invalid second (t=NaN, at=1700000000000); it was not saved.');
  });
});

describe('SampleWriter buffer cap', () => {
  it('keeps at most maxPending samples, dropping the oldest and saying so', async () => {
    const w = writer({ maxPending: 5 });
    addSeconds(w, 0, 8);
    expect(w.pendingCount).toBe(5);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe('Saving is falling behind: dropped the 1 oldest unsaved second(s) (more than 5 waiting).');
    await w.flush();
    expect(await stored()).toEqual({ ts: range(3, 8), seconds: 5 });
  });

  it('stays bounded while every write fails', async () => {
    const w = writer({ maxPending: 4 });
    vi.spyOn(db.samples, 'bulkPut').mockRejectedValue(quotaError());
    for (let t = 0; t < 30; t++) {
      addSeconds(w, t, t + 1);
      if (t % 2) {
        timers.advance(DEFAULT_FLUSH_MS);
        await w.flush();
      }
      expect(w.pendingCount).toBeLessThanOrEqual(4);
    }
    expect(errors.every((m) => m.startsWith('Storage is full: ') || m.startsWith('Saving is falling behind'))).toBe(true);
    expect(await db.samples.count()).toBe(0);
  });
});

describe('SampleWriter keys', () => {
  it('overwrites a rewritten second instead of adding it twice, within a batch and across batches', async () => {
    const w = writer();
    w.add(sessionId, 0, T0, recordedSecond(0));
    w.add(sessionId, 0, T0, recordedSecond(1));
    await w.flush();
    w.add(sessionId, 0, T0, recordedSecond(2));
    w.add(sessionId, 1, T0 + 1000, recordedSecond(1));
    await w.flush();
    expect(await stored()).toEqual({ ts: [0, 1], seconds: 2 });
    expect((await samplesOf(db, sessionId))[0]!.agg).toEqual(recordedSecond(2));
  });

  it('writes the seconds of several sessions in one batch, each with its own count', async () => {
    const other = (await createSession(db, { site: 'zoom.us', startedAt: T0, settings: { sampleFps: 5 } })).id;
    const w = writer();
    addSeconds(w, 0, 3);
    addSeconds(w, 0, 2, other);
    await w.flush();
    expect(await stored()).toEqual({ ts: [0, 1, 2], seconds: 3 });
    expect(await stored(other)).toEqual({ ts: [0, 1], seconds: 2 });
  });

  it('does not write seconds of a session deleted meanwhile (no orphans), and reports them', async () => {
    const w = writer();
    addSeconds(w, 0, 3);
    await w.flush();
    addSeconds(w, 3, 5);
    await deleteSession(db, sessionId);
    expect(await w.flush()).toBe(true);
    expect(errors).toEqual(['2 second(s) belong to a session that no longer exists; they were not saved.']);
    expect(await db.samples.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('SampleWriter with encryption at rest', () => {
  const PASS = 'a long enough passphrase';
  const sealing = (): SampleWriter => writer({ sealer: () => sealerFor(db) });
  /** Keys stored before the writer ran (enabling sealed the session's fields with one of its own). */
  let before: Set<string>;
  const enable = async () => {
    await enableEncryption(db, PASS);
    before = new Set((await db.keys.toArray()).map((k) => k.id));
  };
  /** Data keys the writers stored. */
  const writerKeys = async () => (await db.keys.toArray()).filter((k) => !before.has(k.id));
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => lock());

  it('stores sealed seconds without agg that cannot be read while locked and read back equal after unlocking', async () => {
    await enable();
    await lock();
    const w = sealing();
    addSeconds(w, 0, 31);
    expect(await w.close()).toBe(true);
    const rows = await samplesOf(db, sessionId);
    expect(rows).toHaveLength(31);
    expect(rows.every((r) => r.agg === undefined && r.sealed && Object.keys(r).sort().join() === 'at,sealed,sessionId,t')).toBe(true);
    expect(rows[5]!.at).toBe(T0 + 5000);
    expect((await writerKeys()).map((k) => [k.sessionId, k.id])).toEqual([[sessionId, rows[0]!.sealed!.keyId]]);
    expect((await getSession(db, sessionId))!.seconds).toBe(31);

    await expect(readSeconds(db, sessionId)).rejects.toBeInstanceOf(LockedError);
    await expect(unlock(db, 'a long enough passphrasE')).rejects.toBeInstanceOf(OpenError);
    expect(await readSeconds(db, sessionId, await unlock(db, PASS))).toEqual(recordedSeconds());
    expect(errors).toEqual([]);
  });

  it('writes the data key in the same transaction as the first batch: a failed batch stores neither', async () => {
    await enable();
    const w = sealing();
    vi.spyOn(db.samples, 'bulkPut').mockRejectedValueOnce(quotaError());
    addSeconds(w, 0, 3);
    expect(await w.flush()).toBe(false);
    expect(await writerKeys()).toEqual([]);
    expect(await w.flush()).toBe(true);
    expect(await writerKeys()).toHaveLength(1);
    expect(await readSeconds(db, sessionId, await unlock(db, PASS))).toEqual(recordedSeconds().slice(0, 3));
  });

  it('a restarted writer makes its own key for the same session, and every second stays readable', async () => {
    await enable();
    await lock();
    const first = sealing();
    addSeconds(first, 0, 12);
    await first.close();
    const second = sealing(); // e.g. the offscreen document was reopened mid-call
    addSeconds(second, 12, 31);
    await second.close();
    const keys = (await writerKeys()).filter((k) => k.sessionId === sessionId);
    expect(keys).toHaveLength(2);
    const used = (await samplesOf(db, sessionId)).map((r) => r.sealed!.keyId);
    expect(new Set(used.slice(0, 12))).toEqual(new Set([keys[0]!.id === used[0] ? keys[0]!.id : keys[1]!.id]));
    expect(new Set(used.slice(12))).toEqual(new Set([keys.map((k) => k.id).find((id) => id !== used[0])]));
    expect(await readSeconds(db, sessionId, await unlock(db, PASS))).toEqual(recordedSeconds());
  });

  it('follows the vault mid-session: plain before it is on, sealed once on, plain again once it is off', async () => {
    const w = sealing();
    addSeconds(w, 0, 5);
    await w.flush();
    await enableEncryption(db, PASS); // seals seconds 0..4 too
    addSeconds(w, 5, 10);
    await w.flush();
    expect((await samplesOf(db, sessionId)).every((r) => r.sealed && !r.agg)).toBe(true);

    await disableEncryption(db, (await unlock(db, PASS)));
    addSeconds(w, 10, 15); // the writer still holds its key: the stale key is noticed and dropped
    await w.flush();
    const rows = await samplesOf(db, sessionId);
    expect(rows.every((r) => r.agg && !r.sealed)).toBe(true);
    expect(await db.keys.count()).toBe(0);
    expect(await readSeconds(db, sessionId)).toEqual(recordedSeconds().slice(0, 15));
    expect(errors).toEqual([]);
  });

  it('does not fall back to plain when the sealer cannot be had: the batch fails and is retried', async () => {
    await enableEncryption(db, PASS);
    let fail = true;
    const w = writer({ sealer: async () => { if (fail) throw new Error('The stored encryption settings are damaged.'); return sealerFor(db); } });
    addSeconds(w, 0, 2);
    expect(await w.flush()).toBe(false);
    expect(errors).toEqual(['Could not save: The stored encryption settings are damaged. (2 second(s) will be retried).']);
    expect(await db.samples.count()).toBe(0);
    fail = false;
    expect(await w.flush()).toBe(true);
    expect((await samplesOf(db, sessionId)).every((r) => r.sealed && !r.agg)).toBe(true);
  });
});
