/**
 * Runs in each call frame's page world at document_start, before the call app's own scripts, and
 * only on sites the user agreed to (it is registered after consent). It follows the camera tracks the
 * call gets from `getUserMedia` and their `clone()`s wherever the app takes them (sent with
 * `addTrack`/`addTransceiver`/`replaceTrack`, wrapped in new streams, fed to insertable streams),
 * and says whether one is live and enabled, which device it is and whether a connection is open.
 * A camera opened in another frame is that frame's hook's to report. It never touches a frame.
 *
 * A page shares this world, so everything the hook relies on is taken before page scripts run (the
 * browser's own getters and methods, called through `Reflect.apply`), the wrappers look native
 * (`native-look.ts`), and states leave only through the private channel (`hook-channel.ts`).
 */
import type { HookState } from './hook-protocol';
import { installNativeLook } from './native-look';

/** How often live tracks are re-read: a track stopped through another frame's `stop` fires no event. */
export const RECHECK_MS = 200;

type Fn = (...args: never[]) => unknown;
type Win = Window & typeof globalThis;

/** Installs the hook in `win`; `send` gets each changed state as JSON text. */
export function installCallHook(win: Win, send: (text: string) => void): void {
  const apply = Reflect.apply, hasOwn = Object.hasOwn, stringify = JSON.stringify;
  const microtask = win.queueMicrotask.bind(win), clear = win.clearInterval.bind(win);
  const every = win.setInterval.bind(win) as (fn: () => void, ms: number) => number;
  const getter = (proto: object, key: string): Fn | undefined => Object.getOwnPropertyDescriptor(proto, key)?.get as Fn | undefined;
  const T = win.MediaStreamTrack.prototype;
  const kindOf = getter(T, 'kind'), stateOf = getter(T, 'readyState'), enabledOf = getter(T, 'enabled'), labelOf = getter(T, 'label');
  const settingsOf = T.getSettings as Fn, videoTracksOf = win.MediaStream.prototype.getVideoTracks as Fn;
  const P = win.RTCPeerConnection?.prototype;
  const signalingOf = P && getter(P, 'signalingState'), connectionOf = P && getter(P, 'connectionState');
  const then = win.Promise.prototype.then as Fn, splice = win.Array.prototype.splice as Fn;
  /** Runs `ok` when the browser's promise `p` fulfils (through the browser's own `then`). */
  const onFulfil = (p: unknown, ok: (v: unknown) => void, always?: () => void): void => {
    const done = (): void => always?.();
    apply(then, p, [(v: unknown) => { ok(v); done(); }, done]);
  };
  const look = installNativeLook(win);

  const tracks: MediaStreamTrack[] = [];
  const pcs: RTCPeerConnection[] = [];
  let last = '';
  let queued = false;
  let timer: number | undefined;

  const read = <V>(fn: Fn | undefined, self: unknown, fallback: V): V => {
    try {
      return fn ? (apply(fn, self, []) as V) : fallback;
    } catch {
      return fallback; // not a track of any realm
    }
  };
  const deviceOf = (t: unknown): string | null => {
    const s = read<Record<string, unknown>>(settingsOf, t, {});
    return hasOwn(s, 'deviceId') && typeof s.deviceId === 'string' && s.deviceId !== '' ? s.deviceId : null;
  };
  const watched = (t: unknown): boolean => {
    for (let i = 0; i < tracks.length; i++) if (tracks[i] === t) return true;
    return false;
  };

  const state = (): HookState => {
    let on: MediaStreamTrack | null = null;
    for (let i = tracks.length - 1; i >= 0; i--) {
      const t = tracks[i]!;
      if (read(stateOf, t, 'ended') === 'ended') apply(splice, tracks, [i, 1]);
      else if (!on && read(enabledOf, t, false)) on = t;
    }
    let inCall = false;
    for (let i = pcs.length - 1; i >= 0; i--) {
      const pc = pcs[i]!;
      if (read(signalingOf, pc, 'closed') === 'closed') apply(splice, pcs, [i, 1]);
      else if (read(connectionOf, pc, 'closed') !== 'closed') inCall = true;
    }
    return { source: 'selfview-call-hook', cameraOn: on !== null, deviceId: on ? deviceOf(on) : null, label: on ? read<string>(labelOf, on, '') || null : null, inCall };
  };
  // Several changes in one task (stop + replaceTrack) are reported once, after they settle.
  const report = (): void => {
    if (queued) return;
    queued = true;
    microtask(() => {
      queued = false;
      const s = state();
      const text = stringify(s);
      if (text !== last) {
        last = text;
        send(text);
      }
      if (tracks.length && timer === undefined) timer = every(report, RECHECK_MS);
      if (!tracks.length && timer !== undefined) {
        clear(timer);
        timer = undefined;
      }
    });
  };
  /**
   * Follows a camera track: one getUserMedia returned, or a copy of one followed. Nothing else is
   * taken for a camera — Chromium gives remote, generator and canvas tracks a deviceId too, so a
   * track's settings cannot tell. A track a page sends on, wraps in a new stream or feeds to a
   * MediaStreamTrackProcessor stays the same object, and stays followed.
   */
  const follow = (t: unknown): void => {
    if (!t || watched(t) || read<string>(kindOf, t, '') !== 'video') return;
    tracks[tracks.length] = t as MediaStreamTrack;
    report();
  };
  const watchPc = (pc: unknown): void => {
    let known = false;
    for (let i = 0; i < pcs.length; i++) if (pcs[i] === pc) known = true;
    if (!known && read(signalingOf, pc, null) !== null) pcs[pcs.length] = pc as RTCPeerConnection;
    report();
  };
  const wrap = <O extends object, K extends keyof O>(obj: O, key: K, after: (self: unknown, args: unknown[], result: unknown) => void): void => {
    const original = obj[key] as unknown as Fn;
    if (typeof original !== 'function') return;
    obj[key] = look.method(original, (fn, self, args) => {
      const result = apply(fn, self, args);
      after(self, args, result);
      return result;
    }) as unknown as O[K];
  };

  // Every video track getUserMedia really returned is a camera (a page's fake track never gets here).
  wrap(win.MediaDevices.prototype, 'getUserMedia', (_self, _args, result) => onFulfil(result, (s) => {
    const list = read<MediaStreamTrack[]>(videoTracksOf, s, []);
    for (let i = 0; i < list.length; i++) follow(list[i]);
  }));
  wrap(T, 'clone', (self, _args, copy) => watched(self) && follow(copy));
  wrap(T, 'stop', (self) => watched(self) && report());
  const enabled = Object.getOwnPropertyDescriptor(T, 'enabled');
  if (enabled?.set) {
    const set = look.method(enabled.set as Fn, (fn, self, args) => {
      apply(fn, self, args);
      if (watched(self)) report();
    });
    Object.defineProperty(T, 'enabled', { ...enabled, set });
  }
  // Sending, replacing and negotiating: the connection counts as a call (an unused one does not).
  if (win.RTCRtpSender) wrap(win.RTCRtpSender.prototype, 'replaceTrack', (_self, _args, result) => onFulfil(result, report, report));
  if (P) {
    for (const key of ['addTrack', 'addTransceiver', 'createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription'] as const) wrap(P, key, (self) => watchPc(self));
    wrap(P, 'close', () => report());
  }
  // Connection state changes have no method to wrap: re-read while a connection is open.
  every(() => pcs.length && report(), 1000);
}
