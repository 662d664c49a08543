/** Everything the background service worker listens to, registered in one place. */
import { browser } from 'wxt/browser';
import { consent, hasConsent } from '../consent/items';
import { onMessage, sendMessage, type ControlAction } from '../protocol/messages';
import { toResult, type Result } from '../protocol/result';
import { isOwnExtensionPage } from '../protocol/sender';
import { popupState, type PopupState } from '../session/popup-state';
import { readSettings } from '../settings/items';
import { baselineItem, cueSensitivity, nudgeAdaptation, nudgePrefs, readFeedbackSetup } from '../feedback/items';
import { adaptThreshold, NUDGE_KINDS, parseAdaptation, type NudgeKind } from '../feedback/nudge-config';
import { getDB } from '../db/schema';
import { markNudgeNotHelpful } from '../db/sessions';
import { siteForUrl } from '../sites/call-sites';
import { modeOf, siteModes, userSites } from '../sites/items';
import { syncCallSiteScripts } from '../sites/registration';
import type { CallEvent } from '../session/machine';
import { callState, currentCommand, dispatch, endInterrupted, newId } from './calls';
import { FrameReports, frameUrl, parseReport } from './frame-reports';
import { pageOf } from './page-of';
import type { EngineHosting } from './engine-hosting';
import { OFFSCREEN_PATH } from './offscreen-lifecycle';
import { registerRetention, startRetention } from './retention';
import { recordStorageProblem } from './storage-problem';

const NOT_ALLOWED = 'Not allowed from this sender.';
type Sender = chrome.runtime.MessageSender;

/** Registers the background's handlers (called from the entrypoint with the browser's way of hosting the engine). */
export function registerBackground(engine: EngineHosting): void {
  const own = (s: Sender): boolean => s.id === browser.runtime.id;
  const ownPage = (s: Sender): boolean => isOwnExtensionPage(s, browser.runtime.id, browser.runtime.getURL('/'));
  /** Our content script in some frame of a tab (page scripts cannot message us at all). */
  const callFrame = (s: Sender): { tabId: number; frameId: number } | null =>
    own(s) && !ownPage(s) && s.tab?.id !== undefined && typeof s.frameId === 'number' ? { tabId: s.tab.id, frameId: s.frameId } : null;

  onMessage('clientToBackgroundEnsureEngine', ({ sender }) => (own(sender) ? toResult(() => engine.ensure()) : { error: NOT_ALLOWED }));
  onMessage('offscreenToBackgroundSettings', ({ sender }) => (ownPage(sender) ? toResult(() => readSettings()) : { error: NOT_ALLOWED }));
  onMessage('offscreenToBackgroundIdle', ({ sender }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) ? toResult(() => engine.idle()) : { error: NOT_ALLOWED },
  );

  onMessage('offscreenToBackgroundStorageProblem', ({ sender, data }) =>
    ownPage(sender) && sender.url?.endsWith(OFFSCREEN_PATH) ? toResult(() => recordStorageProblem(data?.message, Date.now())) : { error: NOT_ALLOWED },
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

  const reports = new FrameReports();
  onMessage('contentToBackgroundCallState', async ({ sender, data }) => {
    const from = callFrame(sender);
    const report = parseReport(data);
    const url = frameUrl(sender);
    if (!from || !report || !url) return { error: NOT_ALLOWED };
    const { tabId, frameId } = from;
    return toResult(async () => {
      const site = siteForUrl(url, await userSites.getValue());
      if (!site) throw new Error('This page is not one of your call sites.');
      reports.put(tabId, { ...report, frameId, url });
      // Keyed per tab: a newer report of any frame joins the waiting job instead of queueing another.
      await dispatch(async () => {
        const [consent, waiting] = [await hasConsent(), reports.take(tabId)];
        const events: CallEvent[] = [];
        for (const r of waiting) {
          const s = siteForUrl(r.url, await userSites.getValue());
          if (!s) continue;
          events.push({ type: 'camera', tabId, frameId: r.frameId, doc: r.doc, inCall: r.inCall, site: s, mode: await modeOf(s.key), cameraOn: r.cameraOn, deviceId: r.deviceId, consent, now: Date.now(), newId: newId() });
        }
        return events;
      }, `frames:${tabId}`);
      return currentCommand(tabId, frameId);
    });
  });
  onMessage('contentToBackgroundCallEnded', async ({ sender, data }) => {
    const from = callFrame(sender);
    if (!from) return { error: NOT_ALLOWED };
    return toResult(async () => {
      // The session ends when the call did, not when the grace period ran out (bounded: a page cannot rewrite history).
      const now = Date.now();
      const at = Number.isFinite(data?.at) ? Math.min(now, Math.max(now - 60_000, data.at)) : now;
      await dispatch(() => ({ type: 'callEnded', tabId: from.tabId, frameId: from.frameId, now: at }), `ended:${from.tabId}:${from.frameId}`);
      return currentCommand(from.tabId, from.frameId);
    });
  });
  onMessage('contentToBackgroundFrameGone', async ({ sender, data }) => {
    const from = callFrame(sender);
    if (!from || typeof data?.doc !== 'string') return { error: NOT_ALLOWED };
    return toResult(async () => void (await dispatch(() => ({ type: 'frameGone', tabId: from.tabId, frameId: from.frameId, doc: data.doc, now: Date.now() }), `gone:${from.tabId}:${from.frameId}`)));
  });
  onMessage('contentToBackgroundCapturing', async ({ sender, data }) => {
    const from = callFrame(sender);
    if (!from) return { error: NOT_ALLOWED };
    const deviceId = typeof data.deviceId === 'string' ? data.deviceId : null;
    return toResult(async () => void (await dispatch(() => ({ type: 'capturing', tabId: from.tabId, deviceId, at: Number.isFinite(data.at) ? data.at : Date.now() }), `capturing:${from.tabId}`)));
  });
  // The in-page hint can only decline (a real click on "Not now"); starting needs Selfview's own popup.
  onMessage('contentToBackgroundNotNow', async ({ sender }) => {
    const from = callFrame(sender);
    if (!from) return { error: NOT_ALLOWED };
    return toResult(async () => {
      await dispatch(() => ({ type: 'decline', tabId: from.tabId }));
      return currentCommand(from.tabId, from.frameId);
    });
  });

  onMessage('popupToBackgroundState', async ({ sender, data }) =>
    ownPage(sender) ? toResult(async () => popupState(await callState.getValue(), data.tabId, await hasConsent(), await pageOf(data.tabId))) : { error: NOT_ALLOWED },
  );
  onMessage('popupToBackgroundControl', async ({ sender, data }): Promise<Result<PopupState>> => {
    if (!ownPage(sender)) return { error: NOT_ALLOWED };
    return toResult(async () => {
      const consent = await hasConsent();
      await dispatch(() => control(data.action, data.tabId, consent));
      return popupState(await callState.getValue(), data.tabId, consent, await pageOf(data.tabId));
    });
  });

  browser.tabs.onRemoved.addListener((tabId) => void dispatch(() => ({ type: 'tabGone', tabId, now: Date.now(), reason: 'tabClosed' })).catch(() => undefined));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A reload or a navigation ends that page's call. A new call page says so itself (its top frame
    // reports a new document); a page Selfview does not run on cannot, so once a load completes the
    // top frame is asked which document it is. (A load status alone is no navigation: an iframe
    // loading in the call page sets it too.)
    if (change.status !== 'complete') return;
    void callState.getValue().then(async (s) => {
      const known = s.tabs[tabId]?.frames?.[0]?.doc;
      if (!known) return;
      const now = await sendMessage('backgroundToContentDoc', undefined, { tabId, frameId: 0 }).catch(() => null);
      if (now === known) return;
      // Only if nothing newer came in meanwhile (a new page's own report has already done this).
      await dispatch(async () => ((await callState.getValue()).tabs[tabId]?.frames?.[0]?.doc === known ? { type: 'tabGone', tabId, now: Date.now(), reason: 'navigatedAway' } : []));
    }).catch(() => undefined);
  });

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

function control(action: ControlAction, tabId: number | null, consent: boolean) {
  const now = Date.now();
  switch (action) {
    case 'start':
      if (tabId === null) throw new Error('Open the call tab first.');
      return { type: 'start', tabId, consent, now, newId: newId() } as const;
    case 'notNow':
      if (tabId === null) throw new Error('Open the call tab first.');
      return { type: 'decline', tabId } as const;
    case 'pause':
      return { type: 'pause' } as const;
    case 'resume':
      return { type: 'resume' } as const;
    case 'stop':
      return { type: 'stop', now } as const;
  }
}
