/**
 * Seeding the extension's `selfview` IndexedDB for the history test and bench: realistic sessions
 * (summaries with a slow trend and call-to-call spread) made in Node, and their seconds written in
 * the page from a real recorded clip's aggregates, with the raw IndexedDB API (schema v3 stores).
 * The database must already exist at v3: open an extension page that uses it first.
 * (Code inside `page.evaluate` names no local functions: tsx would wrap them in a `__name` helper
 * that does not exist in the page.)
 */
import type { Page } from 'playwright-core';
import type { SecondAggregate } from '../../lib/cues/types';
import type { SessionRecord, SessionSummary } from '../../lib/db/schema';

/** A small seeded PRNG (mulberry32), so every run makes the same sessions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));

/** A plausible summary: `progress` 0..1 moves the person's looking at the camera up and drawn brows down over time. */
export function makeSummary(rnd: () => number, durationS: number, progress: number): SessionSummary {
  const unread = Math.round(durationS * (0.03 + rnd() * 0.12));
  return {
    v: 1,
    durationS,
    judgedS: durationS - unread,
    unreadS: unread,
    shares: {
      lookingAtCamera: clamp(0.35 + 0.3 * progress + (rnd() - 0.5) * 0.25),
      smiling: clamp(0.12 + (rnd() - 0.5) * 0.15),
      browsDrawn: clamp(0.25 - 0.12 * progress + (rnd() - 0.5) * 0.12),
      mouthOpen: clamp(0.3 + (rnd() - 0.5) * 0.2),
      headTurned: clamp(0.15 + (rnd() - 0.5) * 0.15),
      offCentre: clamp(0.08 + rnd() * 0.1),
    },
    blinksPerMinute: Math.round((9 + rnd() * 12) * 10) / 10,
    expressiveness: clamp(0.18 + rnd() * 0.2),
    nudges: Math.floor(rnd() * 4),
  };
}

const SITES = ['meet', 'zoom', 'teams', 'https://meet.jit.si', 'webex'];
const TAGS = ['interview', 'standup', 'talk', 'client', '1:1'];

/** `n` ended sessions, one every `everyMs` from `start` (5–60 min long), with summaries unless `withSummary` is false. */
export function makeSessions(n: number, opts: { seed: number; start: number; everyMs: number; withSummary?: boolean; idPrefix?: string }): SessionRecord[] {
  const rnd = prng(opts.seed);
  return Array.from({ length: n }, (_, i) => {
    const durationS = 300 + Math.floor(rnd() * 3300);
    const startedAt = opts.start + i * opts.everyMs + Math.floor(rnd() * 3_600_000);
    const tags = rnd() < 0.4 ? [TAGS[Math.floor(rnd() * TAGS.length)]!] : [];
    const s: SessionRecord = {
      id: `${opts.idPrefix ?? 's'}-${String(i).padStart(5, '0')}-${Math.floor(rnd() * 1e9).toString(36)}`,
      site: SITES[Math.floor(rnd() * SITES.length)]!,
      startedAt,
      endedAt: startedAt + durationS * 1000,
      endReason: 'stopped',
      seconds: 0,
      notes: rnd() < 0.3 ? `Practice round ${i}` : '',
      tags,
      settings: { sampleFps: 5, baselineId: null },
    };
    if (opts.withSummary !== false) s.summary = makeSummary(rnd, durationS, i / Math.max(1, n - 1));
    return s;
  });
}

/**
 * Writes sessions, and for each `seconds` entry that many stored seconds made from `clip` (cycled,
 * t and timestamps renumbered), in transactions of at most 3,600 seconds. Returns the ms it took.
 */
export async function seedDB(page: Page, sessions: SessionRecord[], seconds: { sessionId: string; startedAt: number; count: number }[], clip: SecondAggregate[]): Promise<number> {
  return page.evaluate(
    async ({ sessions, seconds, clip }) => {
      const t0 = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('selfview');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => resolve(open.result);
      });
      const counts = new Map(seconds.map((s) => [s.sessionId, s.count]));
      let tx = db.transaction('sessions', 'readwrite');
      for (const s of sessions) tx.objectStore('sessions').put({ ...s, seconds: counts.get(s.id) ?? s.seconds });
      await new Promise((resolve, reject) => Object.assign(tx, { oncomplete: resolve, onerror: reject, onabort: reject }));
      for (const s of seconds) {
        for (let from = 0; from < s.count; from += 3600) {
          tx = db.transaction('samples', 'readwrite');
          const store = tx.objectStore('samples');
          for (let t = from; t < Math.min(s.count, from + 3600); t++) {
            store.put({ sessionId: s.sessionId, t, at: s.startedAt + t * 1000, agg: { ...clip[t % clip.length]!, t } });
          }
          await new Promise((resolve, reject) => Object.assign(tx, { oncomplete: resolve, onerror: reject, onabort: reject }));
        }
      }
      db.close();
      return performance.now() - t0;
    },
    { sessions, seconds, clip },
  );
}

/** Empties the history tables (sessions, samples, nudges, goals, packets) with the raw API. */
export async function clearDB(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('selfview');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction(['sessions', 'samples', 'nudges', 'goals', 'packets'], 'readwrite');
    for (const name of ['sessions', 'samples', 'nudges', 'goals', 'packets']) tx.objectStore(name).clear();
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}
