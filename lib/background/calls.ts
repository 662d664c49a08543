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
import { endInterruptedSessions } from './interrupted';

/** The call state, kept in session storage: survives the worker being stopped, not a browser restart. */
export const callState = storage.defineItem<CallState>('session:callState', { fallback: EMPTY_STATE, version: 1 });

let chain: Promise<unknown> = Promise.resolve();

/**
 * Applies one event. Events are applied one after another (never interleaved), each reading the
 * stored state afresh. Resolves with the new state, or rejects with the machine's refusal.
 */
export function dispatch(make: () => Promise<CallEvent> | CallEvent): Promise<CallState> {
  const run = chain.then(async () => {
    const ev = await make();
    const t = transition(await callState.getValue(), ev);
    if (t.error) throw new Error(t.error);
    // A session that cannot be stored is not started: its seconds would have nowhere to go.
    for (const e of t.effects) if (e.type === 'createSession') await carryOut(e);
    await callState.setValue(t.state);
    for (const e of t.effects) {
      if (e.type !== 'createSession') await carryOut(e).catch((err: unknown) => console.warn('Selfview:', e.type, err));
    }
    return t.state;
  });
  chain = run.catch(() => undefined);
  return run;
}

/**
 * Ends the sessions a killed browser left open (see `endInterruptedSessions`). Runs in the event
 * chain, so a session being started (stored before the state names it) is never taken for one.
 */
export function endInterrupted(): Promise<string[]> {
  const run = chain.then(async () => endInterruptedSessions(getDB(), (await callState.getValue()).active?.id ?? null));
  chain = run.catch(() => undefined);
  return run;
}

/** The command for one tab in the current state. */
export async function currentCommand(tabId: number): Promise<CaptureCommand> {
  return commandFor(await callState.getValue(), tabId);
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
      void sendMessage('backgroundToContentCommand', e.command, e.tabId).catch(() => undefined);
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

