/**
 * What the page-world hook tells the isolated content script about the call's camera, as JSON text
 * on their private channel (hook-channel.ts). It is still checked here: it only ever decides
 * whether Selfview analyses (after the user's opt-in) — it never carries frames or cues.
 */

/**
 * How long a page may have no open connection before the call counts as left. Some call apps
 * close their only connection when the camera is turned off (Janus's videoroom unpublishes), and
 * open a new one when it is turned back on; that is not leaving.
 */
export const CALL_END_GRACE_MS = 10_000;

/** Marker so our messages are told apart from the page's own. */
export const HOOK_SOURCE = 'selfview-call-hook';

/** The call's camera as seen by the hook. */
export interface HookState {
  source: typeof HOOK_SOURCE;
  /** A camera track the page obtained is live and enabled. */
  cameraOn: boolean;
  /** deviceId of the camera the call uses now (null when unknown). */
  deviceId: string | null;
  /** Its label: device ids differ between frames, a label does not (null when unknown). */
  label: string | null;
  /** The page has an open RTCPeerConnection. */
  inCall: boolean;
}

/** Validates a window message as a hook state; null for anything else. */
export function parseHookState(data: unknown): HookState | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.source !== HOOK_SOURCE || typeof d.cameraOn !== 'boolean' || typeof d.inCall !== 'boolean') return null;
  if (d.deviceId !== null && (typeof d.deviceId !== 'string' || d.deviceId.length > 512)) return null;
  if (d.label !== null && (typeof d.label !== 'string' || d.label.length > 512)) return null;
  return { source: HOOK_SOURCE, cameraOn: d.cameraOn, deviceId: d.deviceId as string | null, label: d.label as string | null, inCall: d.inCall };
}
