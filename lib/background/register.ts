/** Everything the background service worker listens to, registered in one place. */
import { browser } from 'wxt/browser';
import { onMessage } from '../protocol/messages';
import { toResult } from '../protocol/result';
import { isOwnExtensionPage } from '../protocol/sender';
import { readSettings } from '../settings/items';
import { chromeOffscreenApi, offscreenLifecycle, OFFSCREEN_PATH } from './offscreen-lifecycle';

const NOT_ALLOWED = 'Not allowed from this sender.';

/** Registers the background's handlers (called from the entrypoint). */
export function registerBackground(): void {
  const offscreen = offscreenLifecycle(chromeOffscreenApi());
  const ownPage = (sender: chrome.runtime.MessageSender): boolean =>
    isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'));

  onMessage('pageToBackgroundEnsureEngine', ({ sender }) =>
    ownPage(sender) ? toResult(() => offscreen.ensure()) : { error: NOT_ALLOWED },
  );
  onMessage('offscreenToBackgroundSettings', ({ sender }) =>
    ownPage(sender) ? toResult(() => readSettings()) : { error: NOT_ALLOWED },
  );
  onMessage('offscreenToBackgroundIdle', ({ sender }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) ? toResult(() => offscreen.close()) : { error: NOT_ALLOWED },
  );
  // The toolbar button opens the Practice page (the call integration adds a popup later).
  browser.action.onClicked.addListener(() => {
    void browser.tabs.create({ url: browser.runtime.getURL('/practice.html') });
  });
}
