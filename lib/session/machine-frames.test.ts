// Protects the machine's handling of frames and of what a page can make it do: the call's camera may
// live in any frame (Selfview follows one, and only that frame is told to capture or prompt); a gone
// document's late goodbye removes nothing; one frame leaving does not end a call another frame holds;
// a refusal (Not now, Stop) survives a faked leave-and-rejoin; and one tab never learns about another.
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, commandFor, transition, uiFrame, type CallEvent, type CallState, type CaptureCommand, type Effect } from './machine';

const site = { key: 'jitsi', name: 'Jitsi Meet' };
const IDLE: CaptureCommand = { capture: false, sessionId: null, startedAt: null, prompt: false, notice: null };
/** A camera report of frame `frameId` of tab `tabId` (document `d<frameId>`, in a call when the camera is on). */
const cam = (tabId: number, frameId: number, cameraOn: boolean, over: Partial<Extract<CallEvent, { type: 'camera' }>> = {}): CallEvent => ({
  type: 'camera', tabId, frameId, doc: `d${frameId}`, inCall: cameraOn, site, mode: 'ask', cameraOn, deviceId: cameraOn ? `cam-f${frameId}` : null, consent: true, now: 1000, newId: `s${tabId}`, ...over,
});
const run = (events: CallEvent[], from: CallState = EMPTY_STATE) => {
  let state = from;
  const effects: Effect[] = [];
  for (const e of events) {
    const t = transition(state, e);
    expect(t.error).toBeUndefined();
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
};
const commands = (effects: Effect[]) => effects.filter((e) => e.type === 'command');

describe('frames of a call tab', () => {
  it('follows a camera that is on in a subframe only: it captures there, the hint shows in the top frame', () => {
    const top = run([cam(1, 0, false)]);
    const sub = run([cam(1, 3, true)], top.state);
    expect(sub.state.tabs[1]).toMatchObject({ cameraOn: true, captureFrame: 3, deviceId: 'cam-f3' });
    // The camera's frame may be too small to see (an about:blank helper): the hint goes to the top frame.
    expect(uiFrame(sub.state.tabs[1])).toBe(0);
    expect(commands(sub.effects)).toEqual([{ type: 'command', tabId: 1, frameId: 0, command: { ...IDLE, prompt: true } }]);
    expect(commandFor(sub.state, 1, 3)).toEqual(IDLE);
    expect(commandFor(sub.state, 1, 5)).toEqual(IDLE);

    // Started: only frame 3 captures, with frame 3's camera; the top frame shows the notices.
    const on = run([cam(1, 0, false, { mode: 'auto' }), cam(1, 3, true, { mode: 'auto' })]);
    expect(on.state.active).toMatchObject({ id: 's1', tabId: 1 });
    expect(commandFor(on.state, 1, 3)).toEqual({ capture: true, sessionId: 's1', startedAt: 1000, prompt: false, notice: null });
    expect(commandFor(on.state, 1, 0)).toEqual(IDLE);
    expect(commandFor(run([{ type: 'pause' }], on.state).state, 1, 0)).toEqual({ ...IDLE, notice: 'Selfview is paused.' });

    // Without Selfview in the top frame (a call site framed by another site), the camera's frame shows everything.
    const alone = run([cam(1, 3, true)]);
    expect(uiFrame(alone.state.tabs[1])).toBe(3);
    expect(commandFor(alone.state, 1, 3)).toEqual({ ...IDLE, prompt: true });
  });

  it('shows the UI in the top frame before any camera, else in the first frame that reported', () => {
    expect(uiFrame(run([cam(1, 7, false), cam(1, 0, false)]).state.tabs[1])).toBe(0);
    expect(uiFrame(run([cam(1, 9, false), cam(1, 4, false)]).state.tabs[1])).toBe(4);
    expect(uiFrame(undefined)).toBe(0);
  });

  it('keeps following one frame while two have a camera, whatever the other one does', () => {
    const both = run([cam(1, 5, true, { mode: 'auto' }), cam(1, 2, true, { mode: 'auto' })]);
    expect(both.state.tabs[1]?.captureFrame).toBe(5);
    const flicker = run([cam(1, 2, false), cam(1, 2, true, { deviceId: 'other' }), cam(1, 2, false), cam(1, 2, true)], both.state);
    expect(flicker.state.tabs[1]).toMatchObject({ captureFrame: 5, deviceId: 'cam-f5', cameraOn: true });
    expect(commands(flicker.effects)).toEqual([]);
    expect(flicker.state.active?.id).toBe('s1');
  });

  it('moves to another frame with a camera when the followed frame turns its camera off', () => {
    const both = run([cam(1, 2, true, { mode: 'auto' }), cam(1, 6, true, { mode: 'auto' })]);
    const moved = run([cam(1, 2, false, { mode: 'auto' })], both.state);
    expect(moved.state.tabs[1]).toMatchObject({ captureFrame: 6, deviceId: 'cam-f6', cameraOn: true });
    expect(commands(moved.effects)).toEqual([
      { type: 'command', tabId: 1, frameId: 2, command: IDLE },
      { type: 'command', tabId: 1, frameId: 6, command: { capture: true, sessionId: 's1', startedAt: 1000, prompt: false, notice: null } },
    ]);
  });

  it("ignores a goodbye from a document that is no longer the frame's", () => {
    const on = run([cam(1, 0, false, { mode: 'auto' }), cam(1, 4, true, { mode: 'auto', doc: 'new-doc' })]).state;
    const t = transition(on, { type: 'frameGone', tabId: 1, frameId: 4, doc: 'old-doc', now: 5 });
    expect(t.state).toBe(on);
    expect(t.effects).toEqual([]);
    expect(transition(on, { type: 'frameGone', tabId: 1, frameId: 8, doc: 'd8', now: 5 }).state).toBe(on);
    expect(transition(on, { type: 'frameGone', tabId: 2, frameId: 4, doc: 'new-doc', now: 5 }).state).toBe(on);
  });

  it('ends the session ("left") when the frame that held the call goes away', () => {
    const on = run([cam(1, 0, false, { mode: 'auto' }), cam(1, 4, true, { mode: 'auto' })]).state;
    const t = transition(on, { type: 'frameGone', tabId: 1, frameId: 4, doc: 'd4', now: 5 });
    expect(t.effects).toContainEqual({ type: 'endSession', id: 's1', at: 5, reason: 'left' });
    expect(t.state.active).toBeNull();
    expect(t.state.tabs[1]).toMatchObject({ cameraOn: false, captureFrame: null, deviceId: null });
    expect(Object.keys(t.state.tabs[1]!.frames!)).toEqual(['0']);
    // A frame without a call going away ends nothing.
    const withAd = run([cam(1, 9, false)], on).state;
    expect(transition(withAd, { type: 'frameGone', tabId: 1, frameId: 9, doc: 'd9', now: 5 }).state.active?.id).toBe('s1');
  });

  it('keeps the session when one frame ends its call while another is still in one', () => {
    const on = run([cam(1, 4, true, { mode: 'auto' }), cam(1, 6, true, { mode: 'auto' })]).state;
    const one = transition(on, { type: 'callEnded', tabId: 1, frameId: 4, now: 7 });
    expect(one.state.active?.id).toBe('s1');
    expect(one.effects.some((e) => e.type === 'endSession')).toBe(false);
    expect(one.state.tabs[1]?.frames?.[4]?.inCall).toBe(false);
    const last = transition(one.state, { type: 'callEnded', tabId: 1, frameId: 6, now: 8 });
    expect(last.effects).toContainEqual({ type: 'endSession', id: 's1', at: 8, reason: 'left' });
    expect(last.state.tabs[1]?.cameraOn).toBe(false);
  });
});

describe('a refusal holds until the tab navigates', () => {
  it('"Not now", a faked leave and a camera on again: still no prompt', () => {
    const r = run([cam(1, 0, false), cam(1, 3, true), { type: 'decline', tabId: 1 }, { type: 'callEnded', tabId: 1, frameId: 3, now: 2 }, cam(1, 3, true), cam(1, 5, true)]);
    expect(r.state.tabs[1]?.cameraOn).toBe(true);
    for (const f of [0, 3, 5]) expect(commandFor(r.state, 1, f).prompt).toBe(false);
    const fresh = run([{ type: 'tabGone', tabId: 1, now: 3, reason: 'navigatedAway' }, cam(1, 3, true)], r.state);
    expect(commandFor(fresh.state, 1, 3).prompt).toBe(true);
  });

  it('Stop, a faked leave and a camera on again in an "auto" call: no new session until the tab navigates', () => {
    const auto = { mode: 'auto' } as const;
    const r = run([cam(1, 3, true, auto), { type: 'stop', now: 2 }, { type: 'callEnded', tabId: 1, frameId: 3, now: 3 }, cam(1, 3, true, { ...auto, newId: 'x' }), cam(1, 4, true, { ...auto, newId: 'y' })]);
    expect(r.state.active).toBeNull();
    expect(r.effects.filter((e) => e.type === 'createSession')).toHaveLength(1);
    const fresh = run([{ type: 'tabGone', tabId: 1, now: 4, reason: 'navigatedAway' }, cam(1, 3, true, { ...auto, newId: 'z' })], r.state);
    expect(fresh.state.active?.id).toBe('z');
  });
});

describe('no information crosses tabs', () => {
  it.each(['ask', 'auto'] as const)('tab B (%s site) is told nothing when tab A starts, pauses or stops', (mode) => {
    // B's call shows up while A is analysed (so an "auto" B does not start either).
    const start = run([cam(1, 0, true), { type: 'start', tabId: 1, consent: true, now: 1, newId: 'a' }, cam(2, 0, true, { mode, newId: 'b' })]).state;
    expect(start.active?.tabId).toBe(1);
    const before = commandFor(start, 2);
    expect(before).toEqual({ ...IDLE, prompt: mode === 'ask' });
    let state = start;
    for (const ev of [
      { type: 'pause' },
      { type: 'resume' },
      { type: 'stop', now: 3 },
      { type: 'start', tabId: 1, consent: true, now: 4, newId: 'a2' },
      { type: 'callEnded', tabId: 1, now: 5 },
      { type: 'tabGone', tabId: 1, now: 6, reason: 'tabClosed' },
    ] satisfies CallEvent[]) {
      const t = transition(state, ev);
      expect(t.effects.filter((e) => e.type === 'command' && e.tabId === 2)).toEqual([]);
      expect(commandFor(t.state, 2)).toEqual(before);
      state = t.state;
    }
  });

  it('survives a round trip through JSON with its frames', () => {
    const s = run([cam(1, 0, false, { mode: 'auto' }), cam(1, 3, true, { mode: 'auto' }), cam(2, 1, true)]).state;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('a new top document', () => {
  it('is a navigation: the session ends as navigatedAway and a refusal is forgotten', () => {
    const started = run([cam(1, 0, true), { type: 'start', tabId: 1, consent: true, now: 2000, newId: 'abc' }]);
    const reloaded = run([cam(1, 0, false, { doc: 'new-page', now: 3000 })], started.state);
    expect(reloaded.effects).toContainEqual({ type: 'endSession', id: 'abc', at: 3000, reason: 'navigatedAway' });
    expect(reloaded.state.active).toBeNull();
    expect(reloaded.state.tabs[1]?.frames?.[0]?.doc).toBe('new-page');

    const declined = run([cam(1, 0, true), { type: 'decline', tabId: 1 }]);
    const again = run([cam(1, 0, true, { doc: 'new-page' })], declined.state);
    expect(commandFor(again.state, 1).prompt).toBe(true);
  });

  it('a new subframe document is no navigation of the tab', () => {
    const started = run([cam(1, 0, false), cam(1, 2, true), { type: 'start', tabId: 1, consent: true, now: 2000, newId: 'abc' }]);
    const next = run([cam(1, 2, true, { doc: 'other' })], started.state);
    expect(next.state.active?.id).toBe('abc');
  });
});
