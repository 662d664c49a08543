// Protects the call-session state machine: consent first, per-site modes, one analysed call at a
// time (refused only in the popup, never told to another tab), pause/resume, camera off/on, a
// refusal that holds until the tab navigates, and the ways a session ends. Frames: machine-frames.test.ts.
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, NOTICE, OTHER_TAB, badgeFor, commandFor, transition, type CallEvent, type CallState } from './machine';

const site = { key: 'jitsi', name: 'Jitsi Meet' };
const cam = (tabId: number, cameraOn: boolean, over: Partial<Extract<CallEvent, { type: 'camera' }>> = {}): CallEvent =>
  ({ type: 'camera', tabId, site, mode: 'ask', cameraOn, deviceId: 'cam-1', consent: true, now: 1000, newId: `s${tabId}`, ...over });
const run = (events: CallEvent[], from: CallState = EMPTY_STATE) => {
  let state = from;
  const all = [];
  for (const e of events) {
    const t = transition(state, e);
    state = t.state;
    all.push(t);
  }
  return { state, transitions: all, last: all.at(-1)! };
};

describe('session machine', () => {
  it('asks (does not capture) when a call starts on an "ask" site, and starts on Start', () => {
    const asked = run([cam(1, true)]);
    expect(asked.state.active).toBeNull();
    expect(commandFor(asked.state, 1)).toEqual({ capture: false, sessionId: null, startedAt: null, prompt: true, notice: null });
    const started = run([{ type: 'start', tabId: 1, consent: true, now: 2000, newId: 'abc' }], asked.state);
    expect(started.last.effects).toContainEqual({ type: 'createSession', session: { id: 'abc', tabId: 1, siteKey: 'jitsi', siteName: 'Jitsi Meet', startedAt: 2000, status: 'running' } });
    expect(started.last.effects).toContainEqual({ type: 'command', tabId: 1, frameId: 0, command: { capture: true, sessionId: 'abc', startedAt: 2000, prompt: false, notice: null } });
    expect(started.last.effects).toContainEqual({ type: 'badge', text: 'ON' });
  });

  it('starts by itself on an "auto" site only with consent, and never on a "never" site', () => {
    expect(run([cam(1, true, { mode: 'auto' })]).state.active?.id).toBe('s1');
    expect(run([cam(1, true, { mode: 'auto', consent: false })]).state.active).toBeNull();
    const never = run([cam(1, true, { mode: 'never' })]);
    expect(never.state.active).toBeNull();
    expect(commandFor(never.state, 1).prompt).toBe(false);
  });

  it('does not even prompt before the user has agreed', () => {
    expect(commandFor(run([cam(1, true, { consent: false })]).state, 1).prompt).toBe(false);
  });

  it('refuses to start without consent, leaving no trace', () => {
    const t = run([cam(1, true), { type: 'start', tabId: 1, consent: false, now: 1, newId: 'x' }]).last;
    expect(t.error).toMatch(/agreement/);
    expect(t.effects).toEqual([]);
  });

  it('declining stops the prompt and creates nothing; it holds after the call ends, until the tab navigates', () => {
    const r = run([cam(1, true), { type: 'decline', tabId: 1 }]);
    expect(r.last.effects.some((e) => e.type === 'createSession')).toBe(false);
    expect(r.last.effects).toEqual([{ type: 'command', tabId: 1, frameId: 0, command: { capture: false, sessionId: null, startedAt: null, prompt: false, notice: null } }]);
    expect(commandFor(r.state, 1).prompt).toBe(false);
    // A page can fake leaving and rejoining: that is no new call to ask about.
    const rejoined = run([{ type: 'callEnded', tabId: 1, now: 5 }, cam(1, true)], r.state);
    expect(rejoined.state.tabs[1]?.declined).toBe(true);
    expect(commandFor(rejoined.state, 1).prompt).toBe(false);
    // A new page in the tab (navigation, reload) asks again.
    const next = run([{ type: 'tabGone', tabId: 1, now: 6, reason: 'navigatedAway' }, cam(1, true)], rejoined.state);
    expect(commandFor(next.state, 1).prompt).toBe(true);
  });

  it('still starts from the popup after "Not now"', () => {
    const r = run([cam(1, true), { type: 'decline', tabId: 1 }, { type: 'start', tabId: 1, consent: true, now: 7, newId: 'later' }]);
    expect(r.state.active).toMatchObject({ id: 'later', tabId: 1, status: 'running' });
    expect(commandFor(r.state, 1).capture).toBe(true);
  });

  it('pauses capture when the call camera goes off and resumes when it comes back', () => {
    const on = run([cam(1, true, { mode: 'auto' })]).state;
    const off = transition(on, cam(1, false));
    expect(off.effects).toContainEqual({ type: 'command', tabId: 1, frameId: 0, command: { capture: false, sessionId: 's1', startedAt: 1000, prompt: false, notice: NOTICE.cameraOff } });
    expect(off.effects).toContainEqual({ type: 'badge', text: 'II' });
    expect(off.state.active?.id).toBe('s1');
    const back = transition(off.state, cam(1, true, { deviceId: 'cam-2' }));
    expect(commandFor(back.state, 1).capture).toBe(true);
    expect(back.state.tabs[1]?.deviceId).toBe('cam-2');
  });

  it('pause and resume keep the session', () => {
    const on = run([cam(1, true, { mode: 'auto' })]).state;
    const paused = transition(on, { type: 'pause' });
    expect(commandFor(paused.state, 1)).toEqual({ capture: false, sessionId: 's1', startedAt: 1000, prompt: false, notice: NOTICE.paused });
    expect(badgeFor(paused.state)).toBe('II');
    expect(commandFor(transition(paused.state, { type: 'resume' }).state, 1).capture).toBe(true);
  });

  it('analyses one call tab at a time, refusing a second Start with a popup-only error', () => {
    const r = run([cam(1, true, { mode: 'auto' }), cam(2, true, { mode: 'auto' })]);
    expect(r.state.active?.tabId).toBe(1);
    // The second tab is not told about the first: no notice, just no session.
    expect(commandFor(r.state, 2)).toEqual({ capture: false, sessionId: null, startedAt: null, prompt: false, notice: null });
    const refused = transition(r.state, { type: 'start', tabId: 2, consent: true, now: 1, newId: 'y' });
    expect(refused.error).toBe(OTHER_TAB);
    expect(refused.state).toBe(r.state);
    expect(refused.effects).toEqual([]);
    // Once the first call ends, Start works in the second tab.
    const ended = transition(r.state, { type: 'callEnded', tabId: 1, now: 9 });
    expect(transition(ended.state, { type: 'start', tabId: 2, consent: true, now: 10, newId: 'y' }).state.active?.tabId).toBe(2);
  });

  it('offers the hint on an "ask" site even while another tab is analysed', () => {
    const r = run([cam(1, true, { mode: 'auto' }), cam(2, true)]);
    expect(r.state.active?.tabId).toBe(1);
    expect(commandFor(r.state, 2)).toEqual({ capture: false, sessionId: null, startedAt: null, prompt: true, notice: null });
  });

  it('does not start by itself after the user stopped, even when the camera comes back in an "auto" call', () => {
    const stopped = run([cam(1, true, { mode: 'auto' }), { type: 'stop', now: 9 }]);
    expect(stopped.state.tabs[1]?.declined).toBe(true);
    const back = run([cam(1, false, { mode: 'auto' }), cam(1, true, { mode: 'auto', newId: 'again' })], stopped.state);
    expect(back.state.active).toBeNull();
    expect(back.transitions.flatMap((t) => t.effects).some((e) => e.type === 'createSession')).toBe(false);
  });

  it.each([
    [{ type: 'stop', now: 9 } as CallEvent, 'stopped'],
    [{ type: 'callEnded', tabId: 1, now: 9 } as CallEvent, 'left'],
    [{ type: 'tabGone', tabId: 1, now: 9, reason: 'tabClosed' } as CallEvent, 'tabClosed'],
    [{ type: 'tabGone', tabId: 1, now: 9, reason: 'navigatedAway' } as CallEvent, 'navigatedAway'],
  ])('ends the session on %o with reason %s', (ev, reason) => {
    const on = run([cam(1, true, { mode: 'auto' })]).state;
    const t = transition(on, ev);
    expect(t.state.active).toBeNull();
    expect(t.effects).toContainEqual({ type: 'endSession', id: 's1', at: 9, reason });
    expect(t.effects).toContainEqual({ type: 'badge', text: '' });
  });

  it('survives a round trip through JSON (it lives in storage.session)', () => {
    const on = run([cam(1, true, { mode: 'auto' }), cam(2, true)]).state;
    expect(JSON.parse(JSON.stringify(on))).toEqual(on);
  });
});
