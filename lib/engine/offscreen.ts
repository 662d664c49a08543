/** Wires the engine host into the Chromium offscreen document. */
import { browser } from 'wxt/browser';
import { sendMessage } from '../protocol/messages';
import { isOwnExtensionPage } from '../protocol/sender';
import { unwrap } from '../protocol/result';
import { createEngineHost } from './host';

/** Seconds without any client before the offscreen document asks to be closed (frees ~100 MB). */
export const IDLE_CLOSE_MS = 60_000;

/** Starts listening for frame ports. */
export function startOffscreenEngine(): void {
  const attach = createEngineHost({
    getURL: (p) => browser.runtime.getURL(`/${p}` as '/'),
    allowPort: (port) => !!port.sender && isOwnExtensionPage(port.sender, browser.runtime.id, browser.runtime.getURL('/')),
    delegatePreference: async () => unwrap(await sendMessage('offscreenToBackgroundSettings')).delegate,
    onIdle: () => void sendMessage('offscreenToBackgroundIdle').catch(() => undefined),
    idleMs: IDLE_CLOSE_MS,
    now: () => performance.timeOrigin + performance.now(),
  });
  browser.runtime.onConnect.addListener(attach);
}
