// The call-session state machine: consent first, per-site modes, one analysed call at a time,
// pause/resume, camera off/on, and the ways a session ends.
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, NOTICE, badgeFor, commandFor, transition, type CallEvent, type CallState } from './machine';

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
    expect(started.last.effects).toContainEqual({ type: 'command', tabId: 1, command: { capture: true, sessionId: 'abc', startedAt: 2000, prompt: false, notice: null } });
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

  it('declining stops the prompt for this call and creates nothing; the next call asks again', () => {
    const r = run([cam(1, true), { type: 'decline', tabId: 1 }]);
    expect(r.last.effects.some((e) => e.type === 'createSession')).toBe(false);
    expect(commandFor(r.state, 1).prompt).toBe(false);
    const next = run([{ type: 'callEnded', tabId: 1, now: 5 }, cam(1, true)], r.state);
    expect(commandFor(next.state, 1).prompt).toBe(true);
  });

  it('pauses capture when the call camera goes off and resumes when it comes back', () => {
    const on = run([cam(1, true, { mode: 'auto' })]).state;
    const off = transition(on, cam(1, false));
    expect(off.effects).toContainEqual({ type: 'command', tabId: 1, command: { capture: false, sessionId: 's1', startedAt: 1000, prompt: false, notice: NOTICE.cameraOff } });
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

  it('analyses one call tab at a time and tells the other why not', () => {
    const r = run([cam(1, true, { mode: 'auto' }), cam(2, true, { mode: 'auto' })]);
    expect(r.state.active?.tabId).toBe(1);
    expect(commandFor(r.state, 2)).toEqual({ capture: false, sessionId: null, startedAt: null, prompt: false, notice: NOTICE.otherTab });
    expect(transition(r.state, { type: 'start', tabId: 2, consent: true, now: 1, newId: 'y' }).error).toBe(NOTICE.otherTab);
    // When the first call ends, the second tab is offered the prompt... only on "ask" sites.
    const ended = transition(r.state, { type: 'callEnded', tabId: 1, now: 9 });
    expect(commandFor(ended.state, 2).notice).toBeNull();
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
