/**
 * The call-session state machine: which call tab is analysed, whether it runs or is paused, and
 * what each call tab should be told. Pure (plain data in, plain data out) so every transition is
 * unit-tested; the background persists the state in `storage.session` between events, so a killed
 * service worker loses nothing.
 */
import type { SiteMode } from '../sites/items';

/** Why a session ended. */
export type EndReason = 'stopped' | 'left' | 'tabClosed' | 'navigatedAway';

/** The one session being analysed. */
export interface ActiveSession {
  id: string;
  tabId: number;
  siteKey: string;
  siteName: string;
  startedAt: number;
  status: 'running' | 'paused';
}

/** A tab with a call on a call site. */
export interface CallTab {
  tabId: number;
  siteKey: string;
  siteName: string;
  mode: SiteMode;
  cameraOn: boolean;
  deviceId: string | null;
  /** The user said "not now" for this call; asked again next call. */
  declined: boolean;
  /** The user had agreed to Selfview in calls when this tab last reported (no prompt without it). */
  consent: boolean;
  /** The camera Selfview's own stream has open in this tab (null: none), as its content script reported. */
  capturing?: string | null;
  /** When the content script last started or stopped that stream (ms epoch, its clock). */
  capturingAt?: number;
}

/** Everything the background remembers between events. */
export interface CallState {
  active: ActiveSession | null;
  tabs: Record<string, CallTab>;
}

/** What a call tab's content script should do. */
export interface CaptureCommand {
  capture: boolean;
  sessionId: string | null;
  /** When the session began (ms epoch): seconds of every stream of the session count from here. */
  startedAt: number | null;
  /** Show the private "analyse this call?" prompt. */
  prompt: boolean;
  /** A short status line for the tab (why it is not analysed, or paused), or null. */
  notice: string | null;
}

/** Inputs. `now` and `newId` are passed in so the machine stays deterministic. */
export type CallEvent =
  | { type: 'camera'; tabId: number; site: { key: string; name: string }; mode: SiteMode; cameraOn: boolean; deviceId: string | null; consent: boolean; now: number; newId: string }
  | { type: 'start'; tabId: number; consent: boolean; now: number; newId: string }
  | { type: 'decline'; tabId: number }
  | { type: 'capturing'; tabId: number; deviceId: string | null; at: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop'; now: number }
  | { type: 'callEnded'; tabId: number; now: number }
  | { type: 'tabGone'; tabId: number; now: number; reason: 'tabClosed' | 'navigatedAway' };

/** Outputs for the background to carry out, in order. */
export type Effect =
  | { type: 'createSession'; session: ActiveSession }
  | { type: 'endSession'; id: string; at: number; reason: EndReason }
  | { type: 'command'; tabId: number; command: CaptureCommand }
  | { type: 'badge'; text: string };

/** Result of one transition; `error` explains a refused request (state unchanged). */
export interface Transition {
  state: CallState;
  effects: Effect[];
  error?: string;
}

export const EMPTY_STATE: CallState = { active: null, tabs: {} };

export const NOTICE = {
  otherTab: 'Selfview is analysing your call in another tab. Stop it there to analyse this one.',
  paused: 'Selfview is paused.',
  cameraOff: 'Your camera is off in this call, so Selfview is not analysing.',
} as const;

/** The command a tab should be following in `state`. */
export function commandFor(state: CallState, tabId: number): CaptureCommand {
  const tab = state.tabs[tabId];
  const a = state.active;
  if (a && a.tabId === tabId) {
    const capture = a.status === 'running' && !!tab?.cameraOn;
    const notice = a.status === 'paused' ? NOTICE.paused : tab?.cameraOn ? null : NOTICE.cameraOff;
    return { capture, sessionId: a.id, startedAt: a.startedAt, prompt: false, notice };
  }
  if (a) return { capture: false, sessionId: null, startedAt: null, prompt: false, notice: tab?.cameraOn ? NOTICE.otherTab : null };
  return { capture: false, sessionId: null, startedAt: null, prompt: !!tab && tab.consent && tab.cameraOn && tab.mode === 'ask' && !tab.declined, notice: null };
}

/** Toolbar badge: "ON" while a camera is being analysed, "II" while paused or the camera is off. */
export function badgeFor(state: CallState): string {
  const a = state.active;
  if (!a) return '';
  return a.status === 'running' && state.tabs[a.tabId]?.cameraOn ? 'ON' : 'II';
}

function begin(state: CallState, tabId: number, now: number, id: string): { state: CallState; effect: Effect } {
  const tab = state.tabs[tabId];
  const session: ActiveSession = { id, tabId, siteKey: tab?.siteKey ?? '', siteName: tab?.siteName ?? '', startedAt: now, status: 'running' };
  return { state: { ...state, active: session }, effect: { type: 'createSession', session } };
}

function end(state: CallState, at: number, reason: EndReason): { state: CallState; effects: Effect[] } {
  if (!state.active) return { state, effects: [] };
  return { state: { ...state, active: null }, effects: [{ type: 'endSession', id: state.active.id, at, reason }] };
}

/** Applies one event. */
export function transition(state: CallState, ev: CallEvent): Transition {
  let next = state;
  const effects: Effect[] = [];
  switch (ev.type) {
    case 'camera': {
      const prev = state.tabs[ev.tabId];
      const tab: CallTab = {
        tabId: ev.tabId, siteKey: ev.site.key, siteName: ev.site.name, mode: ev.mode,
        cameraOn: ev.cameraOn, deviceId: ev.deviceId, declined: prev?.declined ?? false, consent: ev.consent, capturing: prev?.capturing ?? null,
      };
      next = { ...state, tabs: { ...state.tabs, [ev.tabId]: tab } };
      if (ev.cameraOn && !next.active && ev.mode === 'auto' && ev.consent) {
        const r = begin(next, ev.tabId, ev.now, ev.newId);
        next = r.state;
        effects.push(r.effect);
      }
      break;
    }
    case 'start': {
      if (!ev.consent) return { state, effects: [], error: 'Finish setting up Selfview first: it needs your agreement before it analyses a call.' };
      if (!state.tabs[ev.tabId]) return { state, effects: [], error: 'This tab has no call that Selfview can see yet.' };
      if (state.active?.tabId === ev.tabId) return { state, effects: [] };
      if (state.active) return { state, effects: [], error: NOTICE.otherTab };
      const r = begin(state, ev.tabId, ev.now, ev.newId);
      next = r.state;
      effects.push(r.effect);
      break;
    }
    case 'capturing': {
      const tab = state.tabs[ev.tabId];
      if (tab) next = { ...state, tabs: { ...state.tabs, [ev.tabId]: { ...tab, capturing: ev.deviceId, capturingAt: ev.at } } };
      break;
    }
    case 'decline': {
      const tab = state.tabs[ev.tabId];
      if (tab) next = { ...state, tabs: { ...state.tabs, [ev.tabId]: { ...tab, declined: true } } };
      break;
    }
    case 'pause':
    case 'resume':
      if (!state.active) return { state, effects: [], error: 'No call is being analysed.' };
      next = { ...state, active: { ...state.active, status: ev.type === 'pause' ? 'paused' : 'running' } };
      break;
    case 'stop': {
      if (!state.active) return { state, effects: [] };
      const tabId = state.active.tabId;
      const r = end(state, ev.now, 'stopped');
      const tab = r.state.tabs[tabId];
      // Stopping is an answer for this call: do not prompt again until the next one.
      next = tab ? { ...r.state, tabs: { ...r.state.tabs, [tabId]: { ...tab, declined: true } } } : r.state;
      effects.push(...r.effects);
      break;
    }
    case 'callEnded': {
      const tab = state.tabs[ev.tabId];
      if (tab) next = { ...state, tabs: { ...state.tabs, [ev.tabId]: { ...tab, cameraOn: false, declined: false } } };
      if (state.active?.tabId === ev.tabId) {
        const r = end(next, ev.now, 'left');
        next = r.state;
        effects.push(...r.effects);
      }
      break;
    }
    case 'tabGone': {
      const { [ev.tabId]: _gone, ...rest } = state.tabs;
      next = { ...state, tabs: rest };
      if (state.active?.tabId === ev.tabId) {
        const r = end(next, ev.now, ev.reason);
        next = r.state;
        effects.push(...r.effects);
      }
      break;
    }
  }
  // Tell every tab whose instructions changed (a tab that is gone gets nothing).
  const ids = new Set([...Object.keys(state.tabs), ...Object.keys(next.tabs)].map(Number));
  for (const id of ids) {
    if (!next.tabs[id]) continue;
    const before = state.tabs[id] ? commandFor(state, id) : null;
    const after = commandFor(next, id);
    if (JSON.stringify(before) !== JSON.stringify(after)) effects.push({ type: 'command', tabId: id, command: after });
  }
  if (badgeFor(state) !== badgeFor(next)) effects.push({ type: 'badge', text: badgeFor(next) });
  return { state: next, effects };
}
