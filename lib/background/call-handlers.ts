/**
 * The background's side of call tabs: camera reports from every frame (kept newest-only per frame
 * and applied as one job per tab), the hint's "Not now", frames and tabs going away, and the
 * popup's state and controls — the user's controls run ahead of anything a page set off.
 */
import { browser } from 'wxt/browser';
import { hasConsent } from '../consent/items';
import { onMessage, sendMessage, type ControlAction } from '../protocol/messages';
import { toResult, type Result } from '../protocol/result';
import type { CallEvent } from '../session/machine';
import { popupState, type PopupState } from '../session/popup-state';
import { siteForUrl } from '../sites/call-sites';
import { modeOf, userSites } from '../sites/items';
import { callState, currentCommand, dispatch, newId } from './calls';
import { checkFrames } from './frame-check';
import { FrameReports, frameUrl, parseReport } from './frame-reports';
import { pageOf } from './page-of';
import { NOT_ALLOWED, type Sender } from './senders';

/** Registers the call handlers; `own`/`ownPage` are the background's sender checks. */
export function registerCallHandlers({ own, ownPage }: { own: (s: Sender) => boolean; ownPage: (s: Sender) => boolean }): void {
  /** Our content script in some frame of a tab (page scripts cannot message us at all). */
  const callFrame = (s: Sender): { tabId: number; frameId: number } | null =>
    own(s) && !ownPage(s) && s.tab?.id !== undefined && typeof s.frameId === 'number' ? { tabId: s.tab.id, frameId: s.frameId } : null;

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

  // A stopped worker missed what happened meanwhile: check the frames it remembers.
  void checkFrames().catch(() => undefined);

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
