/** Wires the engine service into the Chromium offscreen document, which reaches storage only through the background. */
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../protocol/messages';
import { unwrap } from '../protocol/result';
import { startEngineService } from './engine-service';

/** Seconds without any client before the offscreen document asks to be closed (frees ~100 MB). */
export const IDLE_CLOSE_MS = 60_000;

/** Starts listening for frame ports. */
export function startOffscreenEngine(): void {
  // Seconds of call sessions are stored here, where they are computed: the service worker is not on
  // this path, so stopping it loses nothing. This document has no `storage` API: settings come from
  // the background, and a failed write is told to it so the popup can show it.
  const service = startEngineService({
    delegatePreference: async () => unwrap(await sendMessage('offscreenToBackgroundSettings')).delegate,
    feedbackSetup: async () => unwrap(await sendMessage('offscreenToBackgroundFeedback')),
    storageProblem: (message) => void sendMessage('offscreenToBackgroundStorageProblem', { message }).catch(() => undefined),
    onIdle: () => void sendMessage('offscreenToBackgroundIdle').catch(() => undefined),
    clientGone: (tabId, frameId) => void sendMessage('offscreenToBackgroundClientGone', { tabId, frameId }).catch(() => undefined),
    idleMs: IDLE_CLOSE_MS,
  });
  onMessage('backgroundToOffscreenFeedback', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return;
    service.feedbackChanged(data);
  });
}
