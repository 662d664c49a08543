// Protects what the popup shows: the running session (and whether it is in this tab), Start offered
// only with consent on a known call tab while nothing runs, the call's camera and a "Not now" in this
// tab, and why Selfview sees no camera on a tab the browser says is a call site (reload, Never, none).
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, transition, type CallEvent, type CallState } from './machine';
import { popupState, type PageHere } from './popup-state';

const site = { key: 'jitsi', name: 'Jitsi Meet' };
const cam = (tabId: number, cameraOn: boolean, over: Partial<Extract<CallEvent, { type: 'camera' }>> = {}): CallEvent =>
  ({ type: 'camera', tabId, site, mode: 'ask', cameraOn, deviceId: 'cam-1', consent: true, now: 1000, newId: `s${tabId}`, ...over });
const run = (events: CallEvent[], from: CallState = EMPTY_STATE): CallState => events.reduce((s, e) => transition(s, e).state, from);
const NOTHING_HERE = { cameraHere: false, declinedHere: false, unseen: null };
const JITSI_PAGE: PageHere = { siteName: 'Jitsi Meet', mode: 'ask' };

describe('popupState', () => {
  it('shows nothing to start and no session on a tab that is no call', () => {
    expect(popupState(EMPTY_STATE, 7, true)).toEqual({ consent: true, session: null, canStartHere: false, siteHere: null, ...NOTHING_HERE });
    expect(popupState(EMPTY_STATE, null, false)).toEqual({ consent: false, session: null, canStartHere: false, siteHere: null, ...NOTHING_HERE });
  });

  it('offers Start on a known call tab with consent and no session', () => {
    const s = run([cam(1, true)]);
    expect(popupState(s, 1, true)).toEqual({ consent: true, session: null, canStartHere: true, siteHere: 'Jitsi Meet', cameraHere: true, declinedHere: false, unseen: null });
  });

  it('offers Start on a known call tab even while its camera is off', () => {
    expect(popupState(run([cam(1, false)]), 1, true).canStartHere).toBe(true);
  });

  it('does not offer Start without consent, but still names the site', () => {
    expect(popupState(run([cam(1, true)]), 1, false)).toEqual({ consent: false, session: null, canStartHere: false, siteHere: 'Jitsi Meet', cameraHere: true, declinedHere: false, unseen: null });
  });

  it('does not offer Start on another, unknown tab or without a tab', () => {
    const s = run([cam(1, true)]);
    expect(popupState(s, 2, true).canStartHere).toBe(false);
    expect(popupState(s, 2, true).siteHere).toBeNull();
    expect(popupState(s, null, true).canStartHere).toBe(false);
  });

  it('shows the session running in this tab, and offers no second Start', () => {
    const s = run([cam(1, true, { mode: 'auto', now: 5000 })]);
    expect(popupState(s, 1, true)).toEqual({
      consent: true,
      session: { id: 's1', siteName: 'Jitsi Meet', startedAt: 5000, status: 'running', cameraOn: true, inThisTab: true },
      canStartHere: false,
      siteHere: 'Jitsi Meet',
      cameraHere: true,
      declinedHere: false,
      unseen: null,
    });
  });

  it('shows a session in another tab as not in this tab, and offers no Start here', () => {
    const s = run([cam(1, true, { mode: 'auto' }), cam(2, true, { site: { key: 'meet', name: 'Google Meet' } })]);
    const p = popupState(s, 2, true);
    expect(p.session).toMatchObject({ id: 's1', siteName: 'Jitsi Meet', inThisTab: false });
    expect(p.canStartHere).toBe(false);
    expect(p.siteHere).toBe('Google Meet');
    expect(popupState(s, null, true).session?.inThisTab).toBe(false);
  });

  it("reports pause and the session tab's camera, whichever tab the popup is on", () => {
    const paused = run([cam(1, true, { mode: 'auto' }), { type: 'pause' }]);
    expect(popupState(paused, 9, true).session).toMatchObject({ status: 'paused', cameraOn: true });
    const cameraOff = run([cam(1, true, { mode: 'auto' }), cam(1, false), cam(2, true)]);
    expect(popupState(cameraOff, 2, true).session).toMatchObject({ status: 'running', cameraOn: false, inThisTab: false });
  });

  it('offers Start again once the session ended', () => {
    const s = run([cam(1, true, { mode: 'auto' }), { type: 'stop', now: 9 }]);
    expect(popupState(s, 1, true)).toMatchObject({ session: null, canStartHere: true });
  });

  it('says when the user declined in this tab (Start still offered), until the tab navigates', () => {
    const declined = run([cam(1, true), { type: 'decline', tabId: 1 }, { type: 'callEnded', tabId: 1, now: 5 }]);
    expect(popupState(declined, 1, true)).toMatchObject({ declinedHere: true, canStartHere: true, cameraHere: false });
    expect(popupState(declined, 2, true).declinedHere).toBe(false);
    expect(popupState(run([{ type: 'tabGone', tabId: 1, now: 6, reason: 'navigatedAway' }], declined), 1, true).declinedHere).toBe(false);
  });

  it('reports the camera of a subframe as the camera here', () => {
    const s = run([cam(1, false, { frameId: 0, doc: 'top' }), cam(1, true, { frameId: 4, doc: 'sub' })]);
    expect(popupState(s, 1, true).cameraHere).toBe(true);
  });

  describe('unseen: a call site by its URL where Selfview sees no camera', () => {
    it("asks for a reload when Selfview's scripts never reported from the tab", () => {
      expect(popupState(EMPTY_STATE, 3, true, JITSI_PAGE)).toMatchObject({ unseen: 'reload', siteHere: 'Jitsi Meet', canStartHere: false, cameraHere: false });
    });

    it('says the site is set to Never, with or without consent', () => {
      expect(popupState(EMPTY_STATE, 3, true, { siteName: 'Jitsi Meet', mode: 'never' }).unseen).toBe('never');
      expect(popupState(EMPTY_STATE, 3, false, { siteName: 'Jitsi Meet', mode: 'never' }).unseen).toBe('never');
    });

    it('says no camera is seen when the scripts run but no frame has the camera on', () => {
      expect(popupState(run([cam(1, false)]), 1, true, JITSI_PAGE).unseen).toBe('noCamera');
    });

    it('says nothing when the camera is seen, when the tab is no call site, or before consent (set-up comes first)', () => {
      expect(popupState(run([cam(1, true)]), 1, true, JITSI_PAGE).unseen).toBeNull();
      expect(popupState(run([cam(1, false)]), 1, true, null).unseen).toBeNull();
      expect(popupState(EMPTY_STATE, 3, true).unseen).toBeNull();
      expect(popupState(EMPTY_STATE, 3, false, JITSI_PAGE).unseen).toBeNull();
    });
  });
});
