/** Reads the extension's state from a test: the background's call state and the IndexedDB rows. */
import type { Page, Worker } from 'playwright-core';
import type { CallState } from '../../lib/session/machine';

/** The background's call state (storage.session). */
export async function callStateOf(worker: Worker): Promise<CallState> {
  return worker.evaluate(async () => {
    const v = await chrome.storage.session.get('callState');
    return (v.callState ?? { active: null, tabs: {} }) as CallState;
  });
}

/** Sessions and sample counts from the `selfview` IndexedDB, read with the raw API in an extension page. */
export async function dbRows(page: Page): Promise<{
  sessions: { id: string; endedAt: number | null; endReason: string | null; seconds: number }[];
  /** Per session, the stored seconds' t in key order. */
  samples: Record<string, number[]>;
  /** Per session, frames analysed in each stored second. */
  frames: Record<string, number[]>;
}> {
  return page.evaluate(
    async () => {
      // Opening a database that does not exist would create it (empty, at version 1) and then block
      // the extension's own upgrade: look first.
      if (!(await indexedDB.databases()).some((d) => d.name === 'selfview')) return { sessions: [], samples: {}, frames: {} };
      return new Promise((resolve, reject) => {
        const open = indexedDB.open('selfview');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sessions')) {
            db.close();
            return resolve({ sessions: [], samples: {}, frames: {} });
          }
          const tx = db.transaction(['sessions', 'samples'], 'readonly');
          const s = tx.objectStore('sessions').getAll();
          const all = tx.objectStore('samples').getAll();
          tx.oncomplete = () => {
            const samples: Record<string, number[]> = {};
            const frames: Record<string, number[]> = {};
            for (const r of all.result as { sessionId: string; t: number; agg: { frames: number } }[]) {
              (samples[r.sessionId] ??= []).push(r.t);
              (frames[r.sessionId] ??= []).push(r.agg.frames);
            }
            resolve({ sessions: s.result, samples, frames });
            db.close();
          };
        };
      });
    },
  );
}
