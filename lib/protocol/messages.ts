/**
 * The one typed protocol for request/response messages between extension contexts. Message names
 * say who sends them to whom; every handler checks its sender. High-rate frame traffic uses the
 * port protocol in `frame-port.ts`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Result } from './result';
import type { Settings } from '../settings/items';
import type { CaptureCommand } from '../session/machine';
import type { SecondAggregate } from '../cues/types';
import type { PopupState } from '../session/popup-state';
import type { FeedbackSetup } from '../feedback/items';
import type { Nudge } from '../feedback/nudges';
import type { CallRateReport } from '../capture/call-rate';

/** What a call tab's content script reports. */
export interface CallTabReport {
  cameraOn: boolean;
  deviceId: string | null;
  /** The frame has an open connection. */
  inCall: boolean;
  /** A random id of the reporting document (see `FrameCamera.doc`). */
  doc: string;
}

/** Popup controls ('notNow': no hint and no automatic start in this tab until it navigates). */
export type ControlAction = 'start' | 'notNow' | 'pause' | 'resume' | 'stop';

/** Message name → (payload) => response. */
export interface ProtocolMap {
  /** Page or content script → background: make sure the analysis engine exists (idempotent). */
  clientToBackgroundEnsureEngine(): Result<{ created: boolean }>;
  /** Offscreen → background: the current settings (offscreen documents have no `storage` API). */
  offscreenToBackgroundSettings(): Result<Settings>;
  /** Offscreen → background: no client has been connected for a while; the document may be closed. */
  offscreenToBackgroundIdle(): Result<{ closed: boolean }>;
  /** Offscreen → background: storing a call's seconds failed (e.g. the disk is full); the popup shows the last such problem. */
  offscreenToBackgroundStorageProblem(data: { message: string }): Result<void>;
  /** Offscreen → background: a call client's port closed; the background checks that its frame is still there. */
  offscreenToBackgroundClientGone(data: { tabId: number; frameId: number }): Result<void>;
  /** Offscreen → background: baseline and nudge settings for call sessions. */
  offscreenToBackgroundFeedback(): Result<FeedbackSetup>;
  /** Background → offscreen: the feedback settings changed (calibration, nudge choices, "not helpful"). */
  backgroundToOffscreenFeedback(data: FeedbackSetup): void;
  /** Offscreen → any page: a nudge was given in a session. */
  offscreenToPagesNudge(data: { sessionId: string; nudge: Nudge & { t: number } }): void;
  /** Popup → background: the user found a nudge not helpful (its rule is made to fire less). */
  popupToBackgroundNotHelpful(data: { sessionId: string; at: number; kind: string }): Result<void>;
  /** Offscreen → any page: a second of a session was analysed (the popup shows it live). */
  offscreenToPagesSecond(data: { sessionId: string; aggregate: SecondAggregate }): void;
  /** Content script (any frame) → background: the call's camera in this frame changed; answers what the frame should do. */
  contentToBackgroundCallState(data: CallTabReport): Result<CaptureCommand>;
  /** Content script → background: the frame's call ended at `at` (its connections closed and stayed closed). */
  contentToBackgroundCallEnded(data: { at: number }): Result<CaptureCommand>;
  /** Content script → background: this frame's document is going away (`doc` as in its reports). */
  contentToBackgroundFrameGone(data: { doc: string }): Result<void>;
  /** Content script → background: Selfview's own stream started (the camera's deviceId) or stopped (null). */
  contentToBackgroundCapturing(data: { deviceId: string | null; at: number }): Result<void>;
  /** Content script → pages: the call session's analysis rate and why it is lowered (the popup shows it). */
  contentToPagesRate(data: CallRateReport): void;
  /** Content script → background: the user clicked "Not now" on the in-page hint (a real click; starting is only in the popup). */
  contentToBackgroundNotNow(): Result<CaptureCommand>;
  /** Background → content script (top frame): the id of the document it runs in (a changed or missing one means the tab navigated). */
  backgroundToContentDoc(): string;
  /** Background → content script: follow this command from now on. */
  backgroundToContentCommand(data: CaptureCommand): void;
  /** Popup → background: what to show (for the popup's own tab). */
  popupToBackgroundState(data: { tabId: number | null }): Result<PopupState>;
  /** Popup → background: Start/Pause/Resume/Stop. */
  popupToBackgroundControl(data: { action: ControlAction; tabId: number | null }): Result<PopupState>;
}

/** Send/receive functions bound to `ProtocolMap`. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
