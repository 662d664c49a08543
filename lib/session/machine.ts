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

/** What one frame of a call tab reported about the call's camera. */
export interface FrameCamera {
  cameraOn: boolean;
  deviceId: string | null;
  /** The frame has an open connection. */
  inCall: boolean;
  /** The reporting document's own id: a gone document's late goodbye cannot remove its successor. */
  doc: string;
}

/** A tab with a call on a call site. */
export interface CallTab {
  tabId: number;
  siteKey: string;
  siteName: string;
  mode: SiteMode;
  /** Some frame of the tab has the call's camera on. */
  cameraOn: boolean;
  /** The camera of the frame Selfview follows. */
  deviceId: string | null;
  /** Each reporting frame (by frameId): the call may hold its camera in any of them. */
  frames?: Record<string, FrameCamera>;
  /** The one frame whose camera Selfview follows, and where its hint and notices appear. */
  captureFrame?: number | null;
  /** The user said "not now" or stopped: no hint and no automatic start until the tab navigates. */
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
  | {
      type: 'camera'; tabId: number; site: { key: string; name: string }; mode: SiteMode; cameraOn: boolean; deviceId: string | null; consent: boolean; now: number; newId: string;
      /** The reporting frame (0: top) and document; whether it has an open connection. */
      frameId?: number; doc?: string; inCall?: boolean;
    }
  | { type: 'frameGone'; tabId: number; frameId: number; doc: string; now: number }
  | { type: 'start'; tabId: number; consent: boolean; now: number; newId: string }
  | { type: 'decline'; tabId: number }
  | { type: 'capturing'; tabId: number; deviceId: string | null; at: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop'; now: number }
  | { type: 'callEnded'; tabId: number; now: number; frameId?: number }
  | { type: 'tabGone'; tabId: number; now: number; reason: 'tabClosed' | 'navigatedAway' };

/** Outputs for the background to carry out, in order. */
export type Effect =
  | { type: 'createSession'; session: ActiveSession }
  | { type: 'endSession'; id: string; at: number; reason: EndReason }
  | { type: 'command'; tabId: number; frameId: number; command: CaptureCommand }
  | { type: 'badge'; text: string };

/** Result of one transition; `error` explains a refused request (state unchanged). */
export interface Transition {
  state: CallState;
  effects: Effect[];
  error?: string;
}

export const EMPTY_STATE: CallState = { active: null, tabs: {} };

export const NOTICE = {
  paused: 'Selfview is paused.',
  cameraOff: 'Your camera is off in this call, so Selfview is not analysing.',
} as const;

/** Refused start without the user's agreement (also shown in the popup). */
export const NEEDS_CONSENT = 'Finish setting up Selfview first: it needs your agreement before it analyses a call.';
/** Refused start while another tab is analysed (said only in Selfview's own popup, never in a page). */
export const OTHER_TAB = 'Selfview is analysing your call in another tab. Stop it there to analyse this one.';

const IDLE: CaptureCommand = { capture: false, sessionId: null, startedAt: null, prompt: false, notice: null };

/**
 * The frame of a tab that shows Selfview's hint and notices: the top frame when Selfview runs there
 * (the camera may be in a frame too small to see, such as an about:blank helper), else the followed
 * frame, else the first that reported.
 */
export function uiFrame(tab: CallTab | undefined): number {
  const ids = Object.keys(tab?.frames ?? {}).map(Number);
  if (ids.length === 0 || ids.includes(0)) return 0;
  return tab?.captureFrame ?? Math.min(...ids);
}

/** The frame whose camera Selfview opens: the followed one, else the UI frame. */
export const captureFrameOf = (tab: CallTab | undefined): number => tab?.captureFrame ?? uiFrame(tab);

/**
 * The command one frame of a tab should be following in `state` (without `frameId`: the whole
 * tab's). Capturing goes to the followed frame, the hint and notices to the UI frame. It depends
 * on this tab only: what another tab does never reaches a page, not even as a hint.
 */
export function commandFor(state: CallState, tabId: number, frameId?: number): CaptureCommand {
  const tab = state.tabs[tabId];
  const whole = tabCommand(state, tab, tabId);
  if (frameId === undefined) return whole;
  const capturing = frameId === captureFrameOf(tab), showing = frameId === uiFrame(tab);
  if (!capturing && !showing) return IDLE;
  return {
    capture: capturing && whole.capture,
    sessionId: capturing ? whole.sessionId : null,
    startedAt: capturing ? whole.startedAt : null,
    prompt: showing && whole.prompt,
    notice: showing ? whole.notice : null,
  };
}

function tabCommand(state: CallState, tab: CallTab | undefined, tabId: number): CaptureCommand {
  const a = state.active;
  if (a && a.tabId === tabId) {
    const capture = a.status === 'running' && !!tab?.cameraOn;
    const notice = a.status === 'paused' ? NOTICE.paused : tab?.cameraOn ? null : NOTICE.cameraOff;
    return { capture, sessionId: a.id, startedAt: a.startedAt, prompt: false, notice };
  }
  return { ...IDLE, prompt: !!tab && tab.consent && tab.cameraOn && tab.mode === 'ask' && !tab.declined };
}

/** The tab with `frames`: whether any frame has the camera on, and which frame Selfview follows (it stays with one while it can). */
function withFrames(tab: CallTab, frames: Record<string, FrameCamera>): CallTab {
  const on = Object.keys(frames).map(Number).filter((f) => frames[f]!.cameraOn).sort((x, y) => x - y);
  const keep = tab.captureFrame !== undefined && tab.captureFrame !== null && on.includes(tab.captureFrame);
  const captureFrame = keep ? tab.captureFrame! : (on[0] ?? null);
  return { ...tab, frames, captureFrame, cameraOn: on.length > 0, deviceId: captureFrame === null ? null : frames[captureFrame]!.deviceId };
}

/** True when a frame of `tab` other than `frameId` still has an open connection. */
const otherFrameInCall = (tab: CallTab, frameId: number): boolean =>
  Object.entries(tab.frames ?? {}).some(([f, c]) => Number(f) !== frameId && c.inCall);

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
      const topDoc = state.tabs[ev.tabId]?.frames?.[0]?.doc;
      if ((ev.frameId ?? 0) === 0 && topDoc && ev.doc && topDoc !== ev.doc) {
        // A new top document: the tab navigated (a reload too), and the old page's call is over.
        const gone = transition(state, { type: 'tabGone', tabId: ev.tabId, now: ev.now, reason: 'navigatedAway' });
        const fresh = transition(gone.state, ev);
        return { state: fresh.state, effects: [...gone.effects, ...fresh.effects] };
      }
      const prev = state.tabs[ev.tabId];
      const frameId = ev.frameId ?? 0;
      const base: CallTab = {
        tabId: ev.tabId, siteKey: ev.site.key, siteName: ev.site.name, mode: ev.mode, cameraOn: false, deviceId: null,
        declined: prev?.declined ?? false, consent: ev.consent, capturing: prev?.capturing ?? null, captureFrame: prev?.captureFrame ?? null,
        ...(prev?.capturingAt !== undefined ? { capturingAt: prev.capturingAt } : {}),
      };
      const frame: FrameCamera = { cameraOn: ev.cameraOn, deviceId: ev.deviceId, inCall: ev.inCall ?? false, doc: ev.doc ?? '' };
      const tab = withFrames(base, { ...(prev?.frames ?? {}), [frameId]: frame });
      next = { ...state, tabs: { ...state.tabs, [ev.tabId]: tab } };
      // A refusal (Not now, Stop) holds until the tab navigates, whatever the page's camera does meanwhile.
      if (tab.cameraOn && !next.active && ev.mode === 'auto' && ev.consent && !tab.declined) {
        const r = begin(next, ev.tabId, ev.now, ev.newId);
        next = r.state;
        effects.push(r.effect);
      }
      break;
    }
    case 'start': {
      if (!ev.consent) return { state, effects: [], error: NEEDS_CONSENT };
      if (!state.tabs[ev.tabId]) return { state, effects: [], error: 'This tab has no call that Selfview can see yet.' };
      if (state.active?.tabId === ev.tabId) return { state, effects: [] };
      if (state.active) return { state, effects: [], error: OTHER_TAB };
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
    case 'frameGone': {
      const tab = state.tabs[ev.tabId];
      const frame = tab?.frames?.[ev.frameId];
      if (!tab || !frame || frame.doc !== ev.doc) break;
      const { [ev.frameId]: _gone, ...frames } = tab.frames!;
      const left = withFrames(tab, frames);
      // Selfview's own stream went with the frame that held it.
      next = { ...state, tabs: { ...state.tabs, [ev.tabId]: tab.captureFrame === ev.frameId ? { ...left, capturing: null } : left } };
      // A frame that held the call went away with it (an iframe removed or navigated).
      if (frame.inCall && !otherFrameInCall(tab, ev.frameId) && state.active?.tabId === ev.tabId) {
        const r = end(next, ev.now, 'left');
        next = r.state;
        effects.push(...r.effects);
      }
      break;
    }
    case 'callEnded': {
      const tab = state.tabs[ev.tabId];
      const frameId = ev.frameId ?? 0;
      // Another frame still in a call keeps the session (e.g. the call moved to a new frame).
      if (tab && otherFrameInCall(tab, frameId)) {
        const frames = { ...tab.frames };
        if (frames[frameId]) frames[frameId] = { ...frames[frameId]!, inCall: false };
        next = { ...state, tabs: { ...state.tabs, [ev.tabId]: withFrames(tab, frames) } };
        break;
      }
      if (tab) {
        const frames = Object.fromEntries(Object.entries(tab.frames ?? {}).map(([f, c]) => [f, { ...c, cameraOn: false, inCall: false }]));
        next = { ...state, tabs: { ...state.tabs, [ev.tabId]: { ...withFrames(tab, frames), cameraOn: false } } };
      }
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
  // Tell every frame whose instructions changed (a tab that is gone gets nothing).
  const ids = new Set([...Object.keys(state.tabs), ...Object.keys(next.tabs)].map(Number));
  for (const id of ids) {
    const tab = next.tabs[id];
    if (!tab) continue;
    const frames = new Set([uiFrame(tab), uiFrame(state.tabs[id]), captureFrameOf(tab), captureFrameOf(state.tabs[id]), ...Object.keys(tab.frames ?? {}).map(Number)]);
    for (const f of [...frames].sort((x, y) => x - y)) {
      const before = state.tabs[id] ? commandFor(state, id, f) : null;
      const after = commandFor(next, id, f);
      if (JSON.stringify(before) !== JSON.stringify(after)) effects.push({ type: 'command', tabId: id, frameId: f, command: after });
    }
  }
  if (badgeFor(state) !== badgeFor(next)) effects.push({ type: 'badge', text: badgeFor(next) });
  return { state: next, effects };
}
