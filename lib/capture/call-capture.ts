/**
 * The isolated-world content script of each frame of a call tab: hears the page hook's camera state
 * on their private channel, reports it to the background (newest only, a few times a second at
 * most), and follows the background's command for this frame — opening Selfview's own small stream
 * of the same camera and analysing it while the session runs and the call's camera is on; stopping
 * it at once otherwise (the camera light must never stay on because of Selfview).
 */
import { browser } from 'wxt/browser';
import { releaseCamera } from '../client/camera';
import { LiveSession } from '../client/live-session';
import { onMessage, sendMessage } from '../protocol/messages';
import { unwrap, type Result } from '../protocol/result';
import type { CaptureCommand } from '../session/machine';
import { CallRate } from './call-rate';
import { listenHookChannel } from './hook-channel';
import { CALL_END_GRACE_MS, parseHookState, type HookState } from './hook-protocol';
import { LatestSender } from './latest-sender';
import { openOwnCamera } from './own-camera';
import { Overlay } from './overlay';
import { PromptUi } from './prompt-ui';
import { readSettings, settings } from '../settings/items';

/** An error's words; a DOMException such as OverconstrainedError may carry only a name. */
const errorText = (err: unknown): string => (err instanceof Error ? err.message || err.name : String(err));

/** The background hears this frame's camera state at most this often (the newest state each time). */
export const REPORT_GAP_MS = 250;

const IDLE: CaptureCommand = { capture: false, sessionId: null, startedAt: null, prompt: false, notice: null };

/** Starts the content script's work. Must run at document_start: the hook's channel opens then. */
export function startCallCapture(): void {
  let hook: HookState | null = null;
  // Before anything else, while no page script can run: the private line to this frame's hook.
  listenHookChannel(window, (text) => {
    try {
      const s = parseHookState(JSON.parse(text));
      if (s) onHook(s);
    } catch {
      /* not JSON: ignore */
    }
  });
  /** This document's id in reports, so a late goodbye of a replaced document removes nothing. */
  const doc = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  let command = IDLE;
  let running: { session: LiveSession; deviceId: string | null; sessionId: string } | null = null;
  let starting = false;
  /** The (session, camera) whose start just failed: not retried until the call or the command changes. */
  let failed: string | null = null;
  let lastNotice: string | null = null;
  let endTimer: ReturnType<typeof setTimeout> | undefined;
  const prompt = new PromptUi(() => void follow(sendMessage('contentToBackgroundNotNow', undefined)));
  const reports = new LatestSender<HookState>((s) => follow(sendMessage('contentToBackgroundCallState', { cameraOn: s.cameraOn, deviceId: s.deviceId, inCall: s.inCall, doc })), REPORT_GAP_MS);
  const overlay = new Overlay();
  let showOverlay = false;
  void readSettings().then((s) => (showOverlay = s.overlay));
  settings.watch((s) => {
    showOverlay = s?.overlay === true;
    if (!showOverlay) overlay.remove();
  });

  async function follow(reply: Promise<Result<CaptureCommand>>): Promise<void> {
    try {
      apply(unwrap(await reply));
    } catch (err) {
      prompt.notice(`Selfview: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function apply(cmd: CaptureCommand): void {
    if (cmd.sessionId !== command.sessionId || cmd.capture !== command.capture) failed = null;
    command = cmd;
    if (cmd.prompt) prompt.ask();
    else if (cmd.notice && cmd.notice !== lastNotice) prompt.notice(cmd.notice);
    else if (!cmd.notice) prompt.hide();
    lastNotice = cmd.notice;
    void reconcile();
  }

  /** Makes Selfview's own stream match the command and the call's camera. */
  async function reconcile(): Promise<void> {
    const want = command.capture && !!hook?.cameraOn && command.sessionId !== null;
    const deviceId = hook?.deviceId ?? null;
    if (running && (!want || running.deviceId !== deviceId || running.sessionId !== command.sessionId)) {
      const r = running;
      running = null;
      const stopped = r.session.stop(); // stops our camera tracks synchronously, then says goodbye to the engine
      overlay.remove();
      void sendMessage('contentToBackgroundCapturing', { deviceId: null, at: Date.now() }).catch(() => undefined);
      await stopped;
    }
    const attempt = `${command.sessionId}|${deviceId}`;
    if (!want || running || starting || failed === attempt) return;
    starting = true;
    let stream: MediaStream | null = null;
    try {
      const own = await openOwnCamera(deviceId, hook?.label ?? null);
      stream = own.stream;
      const video = own.video;
      const sessionId = command.sessionId!;
      const startedAt = command.startedAt ?? Date.now();
      const { callFps, cpuBudget } = await readSettings();
      // The rate governor keeps the session's measured work within the budget (the popup shows its rate and why).
      const rate = new CallRate(sessionId, { chosenFps: callFps, budget: cpuBudget }, (r) => void sendMessage('contentToPagesRate', r).catch(() => undefined));
      const session = await LiveSession.start(video, stream, callFps, {
        onStatus: () => undefined,
        onFrame: () => undefined,
        pace: (sample) => rate.pace(sample),
        onSecond: (a) => {
          rate.heartbeat();
          if (showOverlay) overlay.update(a);
        },
        onNudge: (n) => {
          if (showOverlay) overlay.nudge(n.message, n.text);
        },
        onStopped: (reason) => {
          overlay.remove();
          if (running?.session === session) running = null;
          void sendMessage('contentToBackgroundCapturing', { deviceId: null, at: Date.now() }).catch(() => undefined);
          prompt.notice(`Selfview stopped: ${reason}`);
        },
      }, { id: sessionId, startedAt });
      running = { session, deviceId, sessionId };
      failed = null;
      const actual = stream.getVideoTracks()[0]?.getSettings().deviceId ?? deviceId;
      void sendMessage('contentToBackgroundCapturing', { deviceId: actual, at: Date.now() }).catch(() => undefined);
    } catch (err) {
      releaseCamera(stream); // the camera may have opened before the engine failed
      failed = attempt;
      prompt.notice(`Selfview could not start: ${errorText(err)}`);
    } finally {
      starting = false;
    }
    // The call may have changed while the camera was opening.
    void reconcile();
  }

  function onHook(s: HookState): void {
    if (hook && s.cameraOn === hook.cameraOn && s.deviceId === hook.deviceId && s.label === hook.label && s.inCall === hook.inCall) return;
    const wasInCall = hook?.inCall ?? false;
    hook = s;
    failed = null; // the call changed: worth trying again
    if (s.inCall) clearTimeout(endTimer);
    else if (wasInCall) {
      const at = Date.now();
      endTimer = setTimeout(() => void follow(sendMessage('contentToBackgroundCallEnded', { at })), CALL_END_GRACE_MS);
    }
    reports.push(s);
    // Our own camera follows the call's at once; the background hears it moments later.
    if (!s.cameraOn) void reconcile();
  }

  // The top frame says it is there, so the popup can tell "no camera seen" from "not loaded".
  if (window === window.top) reports.push({ source: 'selfview-call-hook', cameraOn: false, deviceId: null, label: null, inCall: false });
  // A frame removed or navigated takes its call with it. (The top frame's end is the tab's: the
  // background hears of closing and navigation from the browser, with the precise reason.) A
  // navigating frame says so; a removed one cannot, and the background asks (lib/background/frame-check.ts).
  if (window !== window.top) window.addEventListener('pagehide', () => void sendMessage('contentToBackgroundFrameGone', { doc }).catch(() => undefined));
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && hook) reports.push(hook); // back from the back/forward cache
  });

  onMessage('backgroundToContentDoc', ({ sender }) => {
    if (sender.id !== browser.runtime.id) return '';
    return doc;
  });
  onMessage('backgroundToContentCommand', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) return;
    apply(data);
  });
}
