/** Everything the background service worker listens to, registered in one place. */
import { browser } from 'wxt/browser';
import { consent } from '../consent/items';
import { onMessage } from '../protocol/messages';
import { toResult } from '../protocol/result';
import { isOwnExtensionPage } from '../protocol/sender';
import { readSettings } from '../settings/items';
import { baselineItem, cueSensitivity, nudgeAdaptation, nudgePrefs, readFeedbackSetup } from '../feedback/items';
import { adaptThreshold, NUDGE_KINDS, parseAdaptation, type NudgeKind } from '../feedback/nudge-config';
import { getDB } from '../db/schema';
import { markNudgeNotHelpful } from '../db/sessions';
import { siteModes, userSites } from '../sites/items';
import { syncCallSiteScripts } from '../sites/registration';
import { registerCallHandlers } from './call-handlers';
import { checkFrames } from './frame-check';
import { endInterrupted } from './calls';
import type { EngineHosting } from './engine-hosting';
import { OFFSCREEN_PATH } from './offscreen-lifecycle';
import { registerRetention, startRetention } from './retention';
import { recordStorageProblem } from './storage-problem';

import { NOT_ALLOWED, type Sender } from './senders';

/** Registers the background's handlers (called from the entrypoint with the browser's way of hosting the engine). */
export function registerBackground(engine: EngineHosting): void {
  const own = (s: Sender): boolean => s.id === browser.runtime.id;
  const ownPage = (s: Sender): boolean => isOwnExtensionPage(s, browser.runtime.id, browser.runtime.getURL('/'));

  onMessage('clientToBackgroundEnsureEngine', ({ sender }) => (own(sender) ? toResult(() => engine.ensure()) : { error: NOT_ALLOWED }));
  onMessage('offscreenToBackgroundSettings', ({ sender }) => (ownPage(sender) ? toResult(() => readSettings()) : { error: NOT_ALLOWED }));
  onMessage('offscreenToBackgroundIdle', ({ sender }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) ? toResult(() => engine.idle()) : { error: NOT_ALLOWED },
  );

  onMessage('offscreenToBackgroundStorageProblem', ({ sender, data }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) ? toResult(() => recordStorageProblem(data?.message, Date.now())) : { error: NOT_ALLOWED },
  );
  onMessage('offscreenToBackgroundClientGone', ({ sender, data }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) && Number.isInteger(data?.tabId) && Number.isInteger(data?.frameId)
      ? toResult(() => checkFrames(data.tabId))
      : { error: NOT_ALLOWED },
  );
  onMessage('offscreenToBackgroundFeedback', ({ sender }) => (ownPage(sender) ? toResult(() => readFeedbackSetup()) : { error: NOT_ALLOWED }));
  onMessage('popupToBackgroundNotHelpful', ({ sender, data }) => {
    if (!ownPage(sender)) return { error: NOT_ALLOWED };
    return toResult(async () => {
      if (!NUDGE_KINDS.includes(data.kind as NudgeKind)) throw new Error('Unknown nudge.');
      const kind = data.kind as NudgeKind;
      const a = parseAdaptation(await nudgeAdaptation.getValue());
      await nudgeAdaptation.setValue({ ...a, factor: { ...a.factor, [kind]: adaptThreshold(a.factor[kind]) } });
      await markNudgeNotHelpful(getDB(), data.sessionId, data.at).catch(() => undefined);
    });
  });
  // Sessions the engine already knows keep the settings they started with unless told: push every change.
  const pushFeedback = (): void => void readFeedbackSetup().then((f) => engine.feedbackChanged(f)).catch(() => undefined);
  nudgePrefs.watch(pushFeedback);
  nudgeAdaptation.watch(pushFeedback);
  baselineItem.watch(pushFeedback);
  cueSensitivity.watch(pushFeedback);

  registerCallHandlers({ own, ownPage });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    void syncCallSiteScripts();
    void startRetention();
  });
  browser.runtime.onStartup.addListener(() => {
    void syncCallSiteScripts();
    void startRetention();
  });
  // The call scripts exist only for sites the user agreed to: follow every change of that.
  const resync = (): void => void syncCallSiteScripts().catch((err: unknown) => console.warn('Selfview: registering call scripts', err));
  consent.watch(resync);
  siteModes.watch(resync);
  userSites.watch(resync);
  registerRetention();
  // The call state lives in session storage, which a browser restart empties: a session still open
  // in the database but not active was cut off (browser killed, extension reloaded) — end it.
  void endInterrupted().catch((err: unknown) => console.warn('Selfview: ending interrupted sessions', err));
}
