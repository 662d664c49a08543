// Protects the background's call handling: events applied strictly one after another on the state
// kept in storage.session (surviving a restarted worker), with session rows, commands to the right
// frame of the right tab and the badge carried out; a job of several events tells each frame once and
// is kept whole or not at all; a page's (keyed) jobs collapse to the newest and never hold up the user's.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { SelfviewDB } from '../db/schema';
import { EMPTY_STATE, commandFor, transition, type CallEvent, type CallState, type CaptureCommand, type Effect } from '../session/machine';

type Target = { tabId: number; frameId: number };
const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn(async (_name: string, _data: unknown, _to?: { tabId: number; frameId: number }): Promise<void> => undefined) }));
vi.mock('../protocol/messages', () => ({ sendMessage, onMessage: vi.fn() }));

type Calls = typeof import('./calls');

let calls: Calls;
let db: SelfviewDB;

/** A fresh instance of the module and of its database handle, as in a service worker that was just (re)started. */
async function startWorker(): Promise<void> {
  vi.resetModules();
  calls = await import('./calls');
  db = (await import('../db/schema')).getDB();
}

const site = { key: 'jitsi', name: 'Jitsi Meet' };
const cam = (tabId: number, cameraOn: boolean, over: Partial<Extract<CallEvent, { type: 'camera' }>> = {}): CallEvent =>
  ({ type: 'camera', tabId, site, mode: 'ask', cameraOn, deviceId: 'cam-1', consent: true, now: 1000, newId: `s${tabId}`, ...over });
const autoCam = (tabId: number, newId: string, now = 1000): CallEvent => cam(tabId, true, { mode: 'auto', newId, now });

const storedState = async (): Promise<unknown> => (await fakeBrowser.storage.session.get('callState')).callState;
const commandsSent = (): [Target | undefined, CaptureCommand][] =>
  sendMessage.mock.calls.map(([name, data, to]) => {
    expect(name).toBe('backgroundToContentCommand');
    return [to, data as CaptureCommand];
  });
const IDLE: CaptureCommand = { capture: false, sessionId: null, startedAt: null, prompt: false, notice: null };

beforeEach(async () => {
  fakeBrowser.reset();
  sendMessage.mockReset();
  sendMessage.mockResolvedValue(undefined);
  await startWorker();
  await db.sessions.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('dispatch', () => {
  it('starts a session on an "auto" site with consent: a session row, a capture command to the tab, the badge ON', async () => {
    await fakeBrowser.storage.local.set({ settings: { sampleFps: 15, delegate: 'auto', overlay: false, callFps: 8, theme: 'auto' }, settings$: { v: 3 } });
    const state = await calls.dispatch(() => autoCam(1, 'sess-1', 1234));

    expect(state.active).toEqual({ id: 'sess-1', tabId: 1, siteKey: 'jitsi', siteName: 'Jitsi Meet', startedAt: 1234, status: 'running' });
    expect(await db.sessions.toArray()).toEqual([
      { id: 'sess-1', site: 'jitsi', startedAt: 1234, endedAt: null, endReason: null, seconds: 0, notes: '', tags: [], settings: { sampleFps: 8, baselineId: null } },
    ]);
    expect(commandsSent()).toEqual([[{ tabId: 1, frameId: 0 }, { capture: true, sessionId: 'sess-1', startedAt: 1234, prompt: false, notice: null }]]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('ON');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0x1e, 0x7b, 0x34, 255]);
    expect(await fakeBrowser.action.getTitle({})).toBe('Selfview — analysing your camera');
    expect(await calls.currentCommand(1)).toEqual({ capture: true, sessionId: 'sess-1', startedAt: 1234, prompt: false, notice: null });
  });

  it('does not start a session whose row cannot be stored (state, tabs and badge untouched)', async () => {
    vi.spyOn(db.sessions, 'add').mockRejectedValue(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    await expect(calls.dispatch(() => autoCam(1, 'sess-1'))).rejects.toThrow('full');
    expect(await storedState()).toBeUndefined();
    expect(commandsSent()).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('on an "ask" site only prompts the tab: no session row, no badge', async () => {
    const state = await calls.dispatch(() => cam(1, true));
    expect(state.active).toBeNull();
    expect(await db.sessions.count()).toBe(0);
    expect(commandsSent()).toEqual([[{ tabId: 1, frameId: 0 }, { ...IDLE, prompt: true }]]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('keeps the state in storage.session under "callState"', async () => {
    expect(await storedState()).toBeUndefined();
    const state = await calls.dispatch(() => autoCam(1, 'sess-1'));
    expect(await storedState()).toEqual(state);
    expect(await calls.callState.getValue()).toEqual(state);
  });

  it('continues from the stored state in a restarted worker (fresh module instance)', async () => {
    const before = await calls.dispatch(() => autoCam(1, 'sess-1'));
    const first = calls;
    await startWorker();
    expect(calls).not.toBe(first);
    expect(await calls.currentCommand(1)).toEqual(commandFor(before, 1));

    // "pause" is refused when no call is analysed: it only succeeds because the state was picked up.
    const paused = await calls.dispatch(() => ({ type: 'pause' }));
    expect(paused.active).toEqual({ ...before.active!, status: 'paused' });
    expect(paused.tabs).toEqual(before.tabs);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('II');
    expect(await fakeBrowser.action.getTitle({})).toBe('Selfview — paused');

    await startWorker();
    await calls.dispatch(() => ({ type: 'stop', now: 5000 }));
    expect(await db.sessions.get('sess-1')).toMatchObject({ endedAt: 5000, endReason: 'stopped' });
    expect(await storedState()).toMatchObject({ active: null });
  });

  it('applies concurrent events one after another, each on the state the previous one left, none lost', async () => {
    // 20 camera toggles on 4 tabs (tab 1 on an "auto" site), fired without waiting; an earlier event takes longer to build.
    const events: CallEvent[] = Array.from({ length: 20 }, (_, i) => {
      const tabId = (i % 4) + 1;
      return cam(tabId, i % 8 < 4, { mode: tabId === 1 ? 'auto' : 'ask', deviceId: `cam-${i}`, now: 1000 + i, newId: `sess-${i}` });
    });
    const built: number[] = [];
    const settled: number[] = [];
    const results = events.map((ev, i) =>
      calls
        .dispatch(async () => {
          expect(settled).toEqual(built); // every earlier event finished before this one is even built
          built.push(i);
          await new Promise((r) => setTimeout(r, 20 - i));
          return ev;
        })
        .then((s) => {
          settled.push(i);
          return s;
        }),
    );
    const states = await Promise.all(results);

    // The same as applying the events in order with the pure machine.
    let expected: CallState = EMPTY_STATE;
    const effects: Effect[] = [];
    const expectedStates = events.map((ev) => {
      const t = transition(expected, ev);
      expected = t.state;
      effects.push(...t.effects);
      return t.state;
    });
    expect(settled).toEqual(events.map((_, i) => i));
    expect(states).toEqual(expectedStates);
    expect(await storedState()).toEqual(expected);
    expect(Object.keys(expected.tabs)).toHaveLength(4);
    expect(expected.tabs[4]?.deviceId).toBe('cam-19');
    expect(expected.active?.id).toBe('sess-0');
    expect(commandsSent()).toEqual(effects.flatMap((e) => (e.type === 'command' ? [[{ tabId: e.tabId, frameId: e.frameId }, e.command]] : [])));
    expect(await db.sessions.toArray()).toMatchObject([{ id: 'sess-0', endedAt: null }]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe(expected.tabs[1]?.cameraOn ? 'ON' : 'II');
  });

  it('rejects a refused event with the machine\'s message and changes nothing', async () => {
    await calls.dispatch(() => cam(1, true));
    const before = await storedState();
    sendMessage.mockClear();

    await expect(calls.dispatch(() => ({ type: 'start', tabId: 1, consent: false, now: 2000, newId: 'nope' }))).rejects.toThrow(
      'Finish setting up Selfview first: it needs your agreement before it analyses a call.',
    );
    await expect(calls.dispatch(() => ({ type: 'start', tabId: 99, consent: true, now: 2000, newId: 'nope' }))).rejects.toThrow('This tab has no call that Selfview can see yet.');
    await expect(calls.dispatch(() => ({ type: 'resume' }))).rejects.toThrow('No call is being analysed.');

    expect(await storedState()).toEqual(before);
    expect(await db.sessions.count()).toBe(0);
    expect(sendMessage).not.toHaveBeenCalled();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    // A refusal does not block the events after it.
    const started = await calls.dispatch(() => ({ type: 'start', tabId: 1, consent: true, now: 3000, newId: 'yes' }));
    expect(started.active?.id).toBe('yes');
    expect(await db.sessions.get('yes')).toBeDefined();
  });

  it('rejects when building the event fails, and carries on with the next event', async () => {
    await expect(calls.dispatch(() => Promise.reject(new Error('no tab')))).rejects.toThrow('no tab');
    expect(await storedState()).toBeUndefined();
    expect((await calls.dispatch(() => autoCam(1, 'sess-1'))).active?.id).toBe('sess-1');
  });

  it('still records the state and the badge when a tab cannot be told (gone or navigating)', async () => {
    sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const state = await calls.dispatch(() => autoCam(1, 'sess-1'));
    expect(await storedState()).toEqual(state);
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(await db.sessions.get('sess-1')).toBeDefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('ON');
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [{ type: 'stop', now: 9000 } as CallEvent, 'stopped'],
    [{ type: 'callEnded', tabId: 1, now: 9000 } as CallEvent, 'left'],
    [{ type: 'tabGone', tabId: 1, now: 9000, reason: 'tabClosed' } as CallEvent, 'tabClosed'],
    [{ type: 'tabGone', tabId: 1, now: 9000, reason: 'navigatedAway' } as CallEvent, 'navigatedAway'],
  ])('ends the stored session on %o with reason %s and clears the badge', async (ev, reason) => {
    await calls.dispatch(() => autoCam(1, 'sess-1'));
    await calls.dispatch(() => autoCam(2, 'sess-2')); // another tab: not started, the session stays in tab 1
    const state = await calls.dispatch(() => ev);
    expect(state.active).toBeNull();
    expect(await db.sessions.toArray()).toMatchObject([{ id: 'sess-1', startedAt: 1000, endedAt: 9000, endReason: reason }]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Selfview');
  });

  it('keeps the first end reason when the session is ended twice', async () => {
    await calls.dispatch(() => autoCam(1, 'sess-1'));
    await calls.dispatch(() => ({ type: 'stop', now: 5000 }));
    await calls.dispatch(() => ({ type: 'tabGone', tabId: 1, now: 6000, reason: 'tabClosed' }));
    expect(await db.sessions.get('sess-1')).toMatchObject({ endedAt: 5000, endReason: 'stopped' });
  });

  it('tells only the frame that holds the camera, and answers other frames with an idle command', async () => {
    await calls.dispatch(() => [cam(1, false, { frameId: 0, doc: 'top' }), cam(1, true, { frameId: 3, doc: 'sub', deviceId: 'cam-sub', mode: 'auto', newId: 'sess-1' })]);
    expect(commandsSent()).toEqual([
      [{ tabId: 1, frameId: 0 }, IDLE],
      [{ tabId: 1, frameId: 3 }, { capture: true, sessionId: 'sess-1', startedAt: 1000, prompt: false, notice: null }],
    ]);
    expect(await calls.currentCommand(1)).toEqual(await calls.currentCommand(1, 3));
    expect(await calls.currentCommand(1, 0)).toEqual(IDLE);
    expect(await calls.currentCommand(1, 8)).toEqual(IDLE);
  });
});

describe('dispatch of a job of several events', () => {
  it('applies them in order, telling each frame only its last command', async () => {
    const events = [cam(1, true), cam(1, false), cam(1, true, { deviceId: 'cam-2' }), cam(2, true), cam(2, false)];
    const state = await calls.dispatch(() => events);
    expect(state).toEqual(events.reduce((s, e) => transition(s, e).state, EMPTY_STATE as CallState));
    expect(commandsSent()).toEqual([
      [{ tabId: 1, frameId: 0 }, { ...IDLE, prompt: true }],
      [{ tabId: 2, frameId: 0 }, IDLE],
    ]);
  });

  it('keeps nothing of a job when one of its events is refused', async () => {
    await expect(calls.dispatch(() => [autoCam(1, 'sess-1'), { type: 'resume' }, { type: 'start', tabId: 9, consent: true, now: 1, newId: 'x' }])).rejects.toThrow(
      'This tab has no call that Selfview can see yet.',
    );
    expect(await storedState()).toBeUndefined();
    expect(await db.sessions.count()).toBe(0);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});

describe('dispatch of page-driven (keyed) jobs', () => {
  it('drops a waiting job for a newer one of the same key, both callers getting its state', async () => {
    const built: string[] = [];
    const job = (name: string, ev: CallEvent) => () => (built.push(name), ev);
    const first = calls.dispatch(job('first', cam(1, false)), 'frames:1');
    const dropped = calls.dispatch(job('dropped', cam(1, true, { deviceId: 'old' })), 'frames:1');
    const newest = calls.dispatch(job('newest', cam(1, true, { deviceId: 'new' })), 'frames:1');
    const [, a, b] = await Promise.all([first, dropped, newest]);
    expect(built).toEqual(['first', 'newest']);
    expect(a).toBe(b);
    expect(a.tabs[1]?.deviceId).toBe('new');
  });

  it("runs the user's Stop before a page's waiting job", async () => {
    await calls.dispatch(() => autoCam(1, 'sess-1'));
    const order: string[] = [];
    const flicker = (on: boolean) => async () => (order.push(`camera ${on}`), cam(1, on, { mode: 'auto', newId: 'sess-2' }));
    // A page job is running (slow to build); the next one waits for its gap when the user stops.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = calls.dispatch(async () => (await flicker(false)(), await gate, cam(1, false, { mode: 'auto' })), 'frames:1');
    await vi.waitFor(() => expect(order).toEqual(['camera false']));
    const waiting = calls.dispatch(flicker(true), 'frames:1');
    const stopped = calls.dispatch(() => (order.push('stop'), { type: 'stop', now: 5000 }));
    release();
    await Promise.all([running, waiting, stopped]);
    expect(order).toEqual(['camera false', 'stop', 'camera true']);
    // The camera coming back after Stop starts nothing: stopping was an answer for this tab.
    const state = await calls.callState.getValue();
    expect(state.active).toBeNull();
    expect(await db.sessions.toArray()).toMatchObject([{ id: 'sess-1', endedAt: 5000, endReason: 'stopped' }]);
  });
});
