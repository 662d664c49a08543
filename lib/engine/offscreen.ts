/** Wires the engine host into the Chromium offscreen document. */
import { browser } from 'wxt/browser';
import { sealerFor } from '../crypto/sealer-for';
import { getDB } from '../db/schema';
import { SampleWriter } from '../db/sample-writer';
import { addNudge } from '../db/sessions';
import { onMessage, sendMessage } from '../protocol/messages';
import { unwrap } from '../protocol/result';
import { createEngineHost } from './host';
import { SessionFeedback } from './session-feedback';

/** Seconds without any client before the offscreen document asks to be closed (frees ~100 MB). */
export const IDLE_CLOSE_MS = 60_000;

/** Starts listening for frame ports. */
export function startOffscreenEngine(): void {
  // Seconds of call sessions are stored here, where they are computed: the service worker is not on
  // this path, so stopping it loses nothing.
  const db = getDB();
  // A failed write (e.g. the disk is full) is told to the background, which keeps it for the popup.
  const onError = (message: string): void => {
    console.warn(`Selfview storage: ${message}`);
    void sendMessage('offscreenToBackgroundStorageProblem', { message }).catch(() => undefined);
  };
  // With encryption at rest on, seconds are sealed with the public key from the database (this
  // document has no `storage` API, and needs no passphrase); asked at each batch until a session has a key.
  const writer = new SampleWriter(db, { sealer: () => sealerFor(db), onError });
  const feedback = new SessionFeedback(async () => unwrap(await sendMessage('offscreenToBackgroundFeedback')));
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
    feedback,
    onNudge: (session, nudge, t) => {
      void addNudge(db, { sessionId: session.id, at: nudge.at, t, kind: nudge.kind, message: nudge.message, text: nudge.text }).catch(() => undefined);
      void sendMessage('offscreenToPagesNudge', { sessionId: session.id, nudge: { ...nudge, t } }).catch(() => undefined);
    },
  });
  browser.runtime.onConnect.addListener(attach);
  onMessage('backgroundToOffscreenFeedback', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return;
    feedback.update(data);
  });
}
