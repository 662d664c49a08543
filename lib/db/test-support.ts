/**
 * Test-only helpers for the database tests (imported by `*.test.ts` only, never by the extension):
 * a fresh in-memory database per test, and real 1-second aggregates from a recorded clip.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { SecondAggregate } from '../cues/types';
import { openJson, OpenError, sealJson } from '../crypto/seal';
import { createDB, DB_NAME, type KeyRecord, type Sealed, type SelfviewDB } from './schema';
import type { Opener, Sealer } from './sessions';

/** A database on its own fake IndexedDB: nothing is shared with any other test, and no global is touched. */
export function freshDB(): SelfviewDB {
  return createDB(DB_NAME, { indexedDB: new IDBFactory(), IDBKeyRange });
}

const ROOT = resolve(import.meta.dirname, '../..');
let cached: SecondAggregate[] | null = null;

/** The 31 aggregates (t = 0..30) of the recorded clip cap13_edit2, computed by the real cue maths. */
export function recordedSeconds(): SecondAggregate[] {
  if (!cached) {
    const frames = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/clip-cap13_edit2.json'), 'utf8')) as { ts: number; observation: FrameObservation }[];
    const agg = new SecondAggregator();
    const seconds = frames.flatMap((f) => agg.push(f.ts, frameCues(f.observation)));
    const last = agg.flush();
    cached = last ? [...seconds, last] : seconds;
  }
  // Copies, so a test that edits one cannot change another test's numbers.
  return structuredClone(cached);
}

/** The aggregate of recorded second `t` (throws when the clip has no such second). */
export function recordedSecond(t: number): SecondAggregate {
  const s = recordedSeconds()[t];
  if (!s) throw new Error(`The recorded clip has no second ${t}.`);
  return s;
}

/**
 * A test vault with real AES-GCM (lib/crypto/seal.ts): one key per `newKey`, kept in memory by key
 * id. The key record holds the raw key instead of a wrapped one — enough to test what the database
 * code does with sealed records, not the key handling (lib/crypto tests that).
 */
export function testVault(): { opener: Opener; sealer: Sealer; keys: Map<string, CryptoKey> } {
  const keys = new Map<string, CryptoKey>();
  const sealer: Sealer = {
    async newKey(sessionId) {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      const record: KeyRecord = { id: crypto.randomUUID(), sessionId, wrapped: await crypto.subtle.exportKey('raw', key), createdAt: Date.now() };
      keys.set(record.id, key);
      return { record, seal: async (value: unknown): Promise<Sealed> => ({ keyId: record.id, ...(await sealJson(key, value)) }) };
    },
  };
  const opener: Opener = {
    async open<T>(sealed: Sealed): Promise<T> {
      const key = keys.get(sealed.keyId);
      if (!key) throw new OpenError();
      return openJson<T>(key, sealed);
    },
  };
  return { opener, sealer, keys };
}
