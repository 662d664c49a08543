/**
 * Runs in the call page's MAIN world at document_start (before the call app's own scripts): wraps
 * getUserMedia, track `enabled`/`stop`, `RTCRtpSender.replaceTrack` and RTCPeerConnection so
 * Selfview knows which camera the call uses and whether it is on — without touching any frame.
 */
import { HOOK_SOURCE, type HookState } from './hook-protocol';

/** Installs the hook; `post` receives every change of the camera state. */
export function installCallHook(post: (s: HookState) => void): void {
  const tracks: MediaStreamTrack[] = [];
  const pcs = new Set<RTCPeerConnection>();
  let last = '';
  let queued = false;

  const state = (): HookState => {
    for (let i = tracks.length - 1; i >= 0; i--) if (tracks[i]!.readyState === 'ended') tracks.splice(i, 1);
    const on = tracks.filter((t) => t.enabled);
    const inCall = [...pcs].some((pc) => pc.signalingState !== 'closed' && pc.connectionState !== 'closed');
    for (const pc of pcs) if (pc.signalingState === 'closed') pcs.delete(pc);
    return { source: HOOK_SOURCE, cameraOn: on.length > 0, deviceId: on.at(-1)?.getSettings().deviceId ?? null, inCall };
  };
  // Several changes in one task (stop + replaceTrack) are reported once, after they settle.
  const report = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      const s = state();
      const key = JSON.stringify(s);
      if (key !== last) {
        last = key;
        post(s);
      }
    });
  };
  const watch = (t: MediaStreamTrack | null | undefined): void => {
    if (!t || t.kind !== 'video' || tracks.includes(t)) return;
    tracks.push(t);
    t.addEventListener('ended', report);
    report();
  };

  const gum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (this: MediaDevices, c?: MediaStreamConstraints) {
    const stream = await gum.call(this, c);
    stream.getVideoTracks().forEach(watch);
    return stream;
  };

  const enabled = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled');
  if (enabled?.set && enabled.get) {
    Object.defineProperty(MediaStreamTrack.prototype, 'enabled', {
      ...enabled,
      set(this: MediaStreamTrack, v: boolean) {
        enabled.set!.call(this, v);
        if (tracks.includes(this)) report();
      },
    });
  }
  const stop = MediaStreamTrack.prototype.stop;
  MediaStreamTrack.prototype.stop = function (this: MediaStreamTrack) {
    stop.call(this);
    if (tracks.includes(this)) report();
  };

  if (typeof RTCRtpSender !== 'undefined') {
    const replace = RTCRtpSender.prototype.replaceTrack;
    RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, t: MediaStreamTrack | null) {
      watch(t);
      return replace.call(this, t).finally(report);
    };
  }
  if (typeof RTCPeerConnection !== 'undefined') {
    const close = RTCPeerConnection.prototype.close;
    RTCPeerConnection.prototype.close = function (this: RTCPeerConnection) {
      close.call(this);
      report();
    };
    window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
      construct(target, args, newTarget) {
        const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        pcs.add(pc);
        pc.addEventListener('connectionstatechange', report);
        pc.addEventListener('signalingstatechange', report);
        report();
        return pc;
      },
    });
  }
}
