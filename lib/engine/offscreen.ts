/** Wires the engine host into the Chromium offscreen document. */
import { browser } from 'wxt/browser';
import { getDB } from '../db/schema';
import { SampleWriter } from '../db/sample-writer';
import { sendMessage } from '../protocol/messages';
import { unwrap } from '../protocol/result';
import { createEngineHost } from './host';

/** Seconds without any client before the offscreen document asks to be closed (frees ~100 MB). */
export const IDLE_CLOSE_MS = 60_000;

/** Starts listening for frame ports. */
export function startOffscreenEngine(): void {
  // Seconds of call sessions are stored here, where they are computed: the service worker is not on
  // this path, so stopping it loses nothing.
  const writer = new SampleWriter(getDB());
  const attach = createEngineHost({
    getURL: (p) => browser.runtime.getURL(`/${p}` as '/'),
    // Only this extension's own pages and content scripts can connect (there is no externally_connectable).
    allowPort: (port) => port.sender?.id === browser.runtime.id,
    delegatePreference: async () => unwrap(await sendMessage('offscreenToBackgroundSettings')).delegate,
    onIdle: () => void writer.flush().then(() => sendMessage('offscreenToBackgroundIdle')).catch(() => undefined),
    idleMs: IDLE_CLOSE_MS,
    now: () => performance.timeOrigin + performance.now(),
    onSessionSecond: (session, aggregate) => {
      writer.add(session.id, aggregate.t, session.startedAt + aggregate.t * 1000, aggregate);
      void sendMessage('offscreenToPagesSecond', { sessionId: session.id, aggregate }).catch(() => undefined);
    },
  });
  browser.runtime.onConnect.addListener(attach);
}
