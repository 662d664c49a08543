/** What the popup shows, derived from the call state (pure). */
import type { CallState } from './machine';

/** The popup's view of things. */
export interface PopupState {
  consent: boolean;
  /** The session being analysed, if any. */
  session: { id: string; siteName: string; startedAt: number; status: 'running' | 'paused'; cameraOn: boolean; inThisTab: boolean } | null;
  /** The popup's tab is a call Selfview can start on. */
  canStartHere: boolean;
  /** Name of the call site of the popup's tab, if it is one. */
  siteHere: string | null;
}

/** Builds the popup state for the tab the popup was opened on. */
export function popupState(state: CallState, tabId: number | null, consent: boolean): PopupState {
  const a = state.active;
  const here = tabId === null ? undefined : state.tabs[tabId];
  return {
    consent,
    session: a ? { id: a.id, siteName: a.siteName, startedAt: a.startedAt, status: a.status, cameraOn: !!state.tabs[a.tabId]?.cameraOn, inThisTab: a.tabId === tabId } : null,
    canStartHere: consent && !!here && !a,
    siteHere: here?.siteName ?? null,
  };
}
