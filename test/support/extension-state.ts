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
export async function dbRows(page: Page): Promise<{ sessions: { id: string; endedAt: number | null; endReason: string | null; seconds: number }[]; samples: Record<string, number[]> }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('selfview');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sessions')) return resolve({ sessions: [], samples: {} });
          const tx = db.transaction(['sessions', 'samples'], 'readonly');
          const s = tx.objectStore('sessions').getAll();
          const k = tx.objectStore('samples').getAllKeys();
          tx.oncomplete = () => {
            const samples: Record<string, number[]> = {};
            for (const key of k.result as [string, number][]) (samples[key[0]] ??= []).push(key[1]);
            resolve({ sessions: s.result, samples });
            db.close();
          };
        };
      }),
  );
}
