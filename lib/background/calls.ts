/**
 * The background's side of calls: turns content-script reports, popup controls and tab events into
 * state-machine events, persists the state in `storage.session` (so a stopped service worker
 * resumes where it was) and carries out the effects — session rows, tab commands, the badge.
 */
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import { getDB } from '../db/schema';
import { createSession, endSession } from '../db/sessions';
import { sendMessage } from '../protocol/messages';
import { EMPTY_STATE, commandFor, transition, type CallEvent, type CallState, type CaptureCommand, type Effect } from '../session/machine';
import { readSettings } from '../settings/items';
import { readFeedbackSetup } from '../feedback/items';
import { EventQueue } from './event-queue';
import { endInterruptedSessions } from './interrupted';

/** The call state, kept in session storage: survives the worker being stopped, not a browser restart. */
export const callState = storage.defineItem<CallState>('session:callState', { fallback: EMPTY_STATE, version: 1 });

/** A tab's page-driven events run at most this often (a page can make its camera flicker; the user's Stop never waits for that). */
export const PAGE_EVENT_GAP_MS = 100;

const queue = new EventQueue(PAGE_EVENT_GAP_MS);

/**
 * Applies events, one job at a time (never interleaved), each job reading the stored state afresh.
 * `key` marks a page-driven job (its newer job replaces a waiting one, see `EventQueue`); without
 * it the job is the user's or the browser's and runs next. Resolves with the new state, or rejects
 * with the machine's refusal (of the first event refused; nothing of that job is kept).
 */
export function dispatch(make: () => Promise<CallEvent | CallEvent[]> | CallEvent | CallEvent[], key?: string): Promise<CallState> {
  const run = async (): Promise<CallState> => {
    const made = await make();
    let state = await callState.getValue();
    const effects: Effect[] = [];
    for (const ev of Array.isArray(made) ? made : [made]) {
      const t = transition(state, ev);
      if (t.error) throw new Error(t.error);
      state = t.state;
      effects.push(...t.effects);
    }
    // A session that cannot be stored is not started: its seconds would have nowhere to go.
    for (const e of effects) if (e.type === 'createSession') await carryOut(e);
    await callState.setValue(state);
    for (const e of latestCommands(effects)) {
      if (e.type !== 'createSession') await carryOut(e).catch((err: unknown) => console.warn('Selfview:', e.type, err));
    }
    return state;
  };
  return key === undefined ? queue.urgentJob(run) : queue.keyedJob(key, run);
}

/** Effects with only the last command per frame (a job of several events tells each frame once). */
function latestCommands(effects: Effect[]): Effect[] {
  const last = new Map<string, Effect>();
  effects.forEach((e) => e.type === 'command' && last.set(`${e.tabId}/${e.frameId}`, e));
  return effects.filter((e) => e.type !== 'command' || last.get(`${e.tabId}/${e.frameId}`) === e);
}

/**
 * Ends the sessions a killed browser left open (see `endInterruptedSessions`). Runs in the event
 * queue, so a session being started (stored before the state names it) is never taken for one.
 */
export function endInterrupted(): Promise<string[]> {
  return queue.urgentJob(async () => endInterruptedSessions(getDB(), (await callState.getValue()).active?.id ?? null));
}

/** The command for one frame of a tab (by default the frame that shows Selfview's hint) in the current state. */
export async function currentCommand(tabId: number, frameId?: number): Promise<CaptureCommand> {
  return commandFor(await callState.getValue(), tabId, frameId);
}

async function carryOut(e: Effect): Promise<void> {
  switch (e.type) {
    case 'createSession': {
      const [{ callFps }, { baselineId }] = await Promise.all([readSettings(), readFeedbackSetup()]);
      await createSession(getDB(), { id: e.session.id, site: e.session.siteKey, startedAt: e.session.startedAt, settings: { sampleFps: callFps, baselineId } });
      return;
    }
    case 'endSession':
      await endSession(getDB(), e.id, e.at, e.reason);
      return;
    case 'command':
      // Not awaited: a busy or navigating tab must not hold up the next event (commands are whole
      // states, so a late one is harmless); a tab that is gone asks again when its page comes back.
      void sendMessage('backgroundToContentCommand', e.command, { tabId: e.tabId, frameId: e.frameId }).catch(() => undefined);
      return;
    case 'badge':
      await browser.action.setBadgeText({ text: e.text });
      if (e.text) await browser.action.setBadgeBackgroundColor({ color: e.text === 'ON' ? '#1e7b34' : '#5b606b' });
      await browser.action.setTitle({ title: e.text === 'ON' ? 'Selfview — analysing your camera' : e.text ? 'Selfview — paused' : 'Selfview' });
      return;
  }
}

/** A fresh session id. */
export const newId = (): string => crypto.randomUUID();

