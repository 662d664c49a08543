/** What the popup shows, derived from the call state (pure). */
import type { SiteMode } from '../sites/items';
import type { CallState } from './machine';

/** Performance mark the popup sets when it first shows the state: its opening time, measured under a page's flood in the tests. */
export const POPUP_READY = 'selfview-popup-ready';

/** The popup's tab as the browser sees it: a call site (by URL) and the user's mode for it. */
export interface PageHere {
  siteName: string;
  mode: SiteMode;
}

/** Why Selfview sees no call camera in the popup's tab, when its URL is a call site. */
export type Unseen =
  /** Selfview's scripts are not in the page: it was opened before the user agreed or added the site. */
  | 'reload'
  /** The user set this site to "Never". */
  | 'never'
  /** The scripts run, but no frame they run in has a camera on (it may be in a frame from another site). */
  | 'noCamera';

/** The popup's view of things. */
export interface PopupState {
  consent: boolean;
  /** The session being analysed, if any. */
  session: { id: string; siteName: string; startedAt: number; status: 'running' | 'paused'; cameraOn: boolean; inThisTab: boolean } | null;
  /** The popup's tab is a call Selfview can start on. */
  canStartHere: boolean;
  /** Name of the call site of the popup's tab, if it is one. */
  siteHere: string | null;
  /** The call's camera in this tab is on, as Selfview sees it. */
  cameraHere: boolean;
  /** The user said "Not now" (or stopped) in this tab: no hint until it navigates; Start still works. */
  declinedHere: boolean;
  /** Set when this tab is a call site but Selfview cannot see a camera in it, and why. */
  unseen: Unseen | null;
}

/** Builds the popup state for the tab the popup was opened on (`page`: what the browser says the tab is). */
export function popupState(state: CallState, tabId: number | null, consent: boolean, page: PageHere | null = null): PopupState {
  const a = state.active;
  const here = tabId === null ? undefined : state.tabs[tabId];
  const unseen: Unseen | null = !page || here?.cameraOn ? null : page.mode === 'never' ? 'never' : !consent ? null : here ? 'noCamera' : 'reload';
  return {
    consent,
    session: a ? { id: a.id, siteName: a.siteName, startedAt: a.startedAt, status: a.status, cameraOn: !!state.tabs[a.tabId]?.cameraOn, inThisTab: a.tabId === tabId } : null,
    canStartHere: consent && !!here && !a,
    siteHere: here?.siteName ?? page?.siteName ?? null,
    cameraHere: !!here?.cameraOn,
    declinedHere: !!here?.declined,
    unseen,
  };
}
