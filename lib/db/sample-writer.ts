/**
 * Writes a session's seconds as they arrive, in batches: one IndexedDB transaction every couple of
 * seconds instead of one per sample. A failed write never leaves half a batch behind (samples and
 * the session's count change together or not at all) and is never silent: it is reported, the
 * batch is tried once more, and what still cannot be written is reported as lost.
 *
 * With encryption at rest, a `sealer` seals each second before the batch's transaction (WebCrypto
 * calls would end it early). Each writer makes its own data key per session and stores it in the
 * same transaction as that session's first sealed batch, so a restarted writer never needs an old key.
 */
import type { SecondAggregate } from '../cues/types';
import { ENCRYPTION_META_KEY } from '../crypto/vault-record';
import type { KeyRecord, SampleRecord, Sealed, SelfviewDB } from './schema';
import { samplesRange, type Sealer } from './sessions';

/** Timer functions (injectable, so tests control time without faking the fake IndexedDB's own scheduling). */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Options of a `SampleWriter`. */
export interface SampleWriterOptions {
  /** How long a sample may wait in memory before it is written (ms). */
  flushMs?: number;
  /** Most samples kept in memory; beyond this the oldest are dropped (and reported). */
  maxPending?: number;
  /** Receives a plain message for every failed write and every discarded sample. */
  onError?: (message: string) => void;
  timers?: Timers;
  /**
   * Seals the seconds while encryption is on: a fixed sealer, or one asked per session (null: store
   * plain). A session with no sealer is asked again at each batch, so turning encryption on takes
   * effect within a batch; once a session has a key it keeps it until the vault is turned off.
   */
  sealer?: Sealer | ((sessionId: string) => Promise<Sealer | null>);
}

/** Two seconds: a crash or a closed document loses at most that much, at one write per two samples. */
export const DEFAULT_FLUSH_MS = 2000;
/** Ten minutes of seconds: enough to ride out a long stall, small enough (~1 MB) to hold in memory. */
export const DEFAULT_MAX_PENDING = 600;
/** A sample is written at most this many times before it is given up (the first try and one retry). */
const MAX_TRIES = 2;

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A session's data key in this writer; `stored` once its record is in the database. */
interface SessionKey {
  record: KeyRecord;
  seal(value: unknown): Promise<Sealed>;
  stored: boolean;
}

/** Retries of a batch whose key went stale (encryption turned off or on again) before it counts as a failure. */
const MAX_STALE = 2;

interface Pending {
  sample: SampleRecord;
  /** Failed writes so far. */
  tries: number;
}

/** Batches samples in memory and writes them to the database. */
export class SampleWriter {
  private pending: Pending[] = [];
  private timer: unknown = null;
  /** Writes run one after another (a timer flush and an explicit flush must not overlap). */
  private queue: Promise<boolean> = Promise.resolve(true);
  private closed = false;
  private readonly flushMs: number;
  private readonly maxPending: number;
  private readonly onError: (message: string) => void;
  private readonly timers: Timers;
  private readonly sealerOf: ((sessionId: string) => Promise<Sealer | null>) | null;
  private readonly keys = new Map<string, SessionKey>();

  constructor(private readonly db: SelfviewDB, options: SampleWriterOptions = {}) {
    this.flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    this.maxPending = Math.max(1, options.maxPending ?? DEFAULT_MAX_PENDING);
    const onError = options.onError ?? ((m: string) => console.warn(`Selfview storage: ${m}`));
    // A throwing callback (e.g. posting to a closed port) must not break writing.
    this.onError = (m) => {
      try {
        onError(m);
      } catch {
        /* nowhere left to report */
      }
    };
    this.timers = options.timers ?? realTimers;
    const sealer = options.sealer;
    this.sealerOf = !sealer ? null : typeof sealer === 'function' ? sealer : () => Promise.resolve(sealer);
  }

  /** Samples waiting to be written. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Queues one second of a session; it is written within `flushMs`. Writing the same (session, t) again replaces it. */
  add(sessionId: string, t: number, at: number, agg: SecondAggregate): void {
    if (this.closed) return this.onError(`Second ${t} arrived after saving was closed; it was not saved.`);
    // A key IndexedDB cannot store would fail every batch it is in, so it is refused here.
    if (!Number.isInteger(t) || t < 0 || !Number.isFinite(at)) return this.onError(`Invalid second (t=${t}, at=${at}); it was not saved.`);
    this.pending.push({ sample: { sessionId, t, at, agg }, tries: 0 });
    this.trim();
    this.arm();
  }

  /** Writes everything pending now. Never rejects; resolves to whether all of it was stored (failures go to `onError`). */
  flush(): Promise<boolean> {
    this.disarm();
    this.queue = this.queue.then(() => this.write());
    return this.queue;
  }

  /**
   * Writes what is pending (with its one retry, as no timer will come back for it) and stops.
   * Anything that still cannot be written is reported as lost. Resolves to whether all was stored.
   */
  async close(): Promise<boolean> {
    this.closed = true;
    if (await this.flush()) return true;
    if (this.pending.length && (await this.flush())) return true;
    const lost = this.pending.length;
    this.pending = [];
    if (lost) this.onError(`${lost} unsaved second(s) were discarded when saving stopped.`);
    return false;
  }

  private arm(): void {
    if (this.timer !== null || this.closed || !this.pending.length) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
  }

  private disarm(): void {
    if (this.timer === null) return;
    this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Drops the oldest samples beyond the cap, saying so. */
  private trim(): void {
    const over = this.pending.length - this.maxPending;
    if (over <= 0) return;
    this.pending.splice(0, over);
    this.onError(`Saving is falling behind: dropped the ${over} oldest unsaved second(s) (more than ${this.maxPending} waiting).`);
  }

  /** The batch as rows to store: sealed for sessions with a sealer (asked for their key first), plain otherwise. */
  private async seal(batch: Pending[]): Promise<SampleRecord[]> {
    const ask = this.sealerOf;
    if (!ask) return batch.map((p) => p.sample);
    for (const id of new Set(batch.map((p) => p.sample.sessionId))) {
      if (this.keys.has(id)) continue;
      const sealer = await ask(id);
      if (sealer) this.keys.set(id, { ...(await sealer.newKey(id)), stored: false });
    }
    return Promise.all(
      batch.map(async ({ sample: { sessionId, t, at, agg } }) => {
        const key = this.keys.get(sessionId);
        return key ? { sessionId, t, at, sealed: await key.seal(agg) } : { sessionId, t, at, agg };
      }),
    );
  }

  private async write(): Promise<boolean> {
    if (!this.pending.length) return true;
    const batch = this.pending;
    this.pending = [];
    const { db } = this;
    try {
      let orphans = 0;
      for (let stale = 0; ; stale++) {
        const rows = await this.seal(batch);
        const outcome = await db.transaction('rw', [db.sessions, db.samples, db.keys, db.meta], async () => {
          const ids = [...new Set(rows.map((r) => r.sessionId))];
          const found = await db.sessions.bulkGet(ids);
          const live = new Set(ids.filter((_, i) => found[i] !== undefined));
          const keyed = [...live].map((id) => this.keys.get(id)).filter((k) => k !== undefined);
          // A key made while encryption was on must not seal seconds after it was turned off (its
          // private key is gone): with the vault or an earlier-stored key missing, start over.
          if (keyed.length) {
            const vault = await db.meta.get(ENCRYPTION_META_KEY);
            const gone = await db.keys.bulkGet(keyed.filter((k) => k.stored).map((k) => k.record.id));
            if (!vault || gone.includes(undefined)) return { ok: false as const, stale: keyed.map((k) => k.record.sessionId) };
            await db.keys.bulkPut(keyed.filter((k) => !k.stored).map((k) => k.record));
          }
          // Seconds of a session deleted meanwhile would be orphans nobody can see or delete.
          const kept = rows.filter((r) => live.has(r.sessionId));
          await db.samples.bulkPut(kept);
          // Counted, not incremented: rewriting a second (a retried batch) must not count it twice.
          for (const id of live) await db.sessions.update(id, { seconds: await samplesRange(db, id).count() });
          return { ok: true as const, orphans: rows.length - kept.length, keyed };
        });
        if (outcome.ok) {
          for (const k of outcome.keyed) k.stored = true;
          orphans = outcome.orphans;
          break;
        }
        for (const id of outcome.stale) this.keys.delete(id);
        if (stale >= MAX_STALE) throw new Error('the encryption settings changed while saving');
      }
      if (orphans) this.onError(`${orphans} second(s) belong to a session that no longer exists; they were not saved.`);
      return true;
    } catch (err) {
      for (const p of batch) p.tries++;
      const retry = batch.filter((p) => p.tries < MAX_TRIES);
      const lost = batch.length - retry.length;
      const reason = isQuotaError(err) ? `Storage is full: ${errorMessage(err)}` : `Could not save: ${errorMessage(err)}`;
      const outcome = [retry.length && `${retry.length} second(s) will be retried`, lost && `${lost} second(s) were discarded`].filter(Boolean).join('; ');
      this.onError(`${reason} (${outcome}).`);
      // Older seconds go first again; samples added during the write stay after them, so a
      // rewrite of the same second still wins.
      this.pending = [...retry, ...this.pending];
      this.trim();
      this.arm();
      return false;
    }
  }
}

/** Whether an error (or one it wraps — Dexie nests the IndexedDB error) is the browser's quota error. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
  return nested.some((n) => isQuotaError(n, depth + 1));
}

/** A plain one-line message for an error of any kind. */
function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { message, name } = err as { message?: unknown; name?: unknown };
    // Dexie appends the wrapped error ("\n QuotaExceededError: …") below its own first line.
    if (typeof message === 'string' && message.trim()) return message.trim().split('\n')[0]!.trim();
    if (typeof name === 'string' && name) return name;
  }
  return String(err);
}
