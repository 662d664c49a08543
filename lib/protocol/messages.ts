/**
 * The one typed protocol for request/response messages between extension contexts. Message names
 * say who sends them to whom. High-rate frame traffic uses the port protocol in `frame-port.ts`.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Result } from './result';
import type { Settings } from '../settings/items';

/** Message name → (payload) => response. */
export interface ProtocolMap {
  /** Page → background: make sure the offscreen analysis engine exists (idempotent). */
  pageToBackgroundEnsureEngine(): Result<{ created: boolean }>;
  /** Offscreen → background: the current settings (offscreen documents have no `storage` API). */
  offscreenToBackgroundSettings(): Result<Settings>;
  /** Offscreen → background: no client has been connected for a while; the document may be closed. */
  offscreenToBackgroundIdle(): Result<{ closed: boolean }>;
}

/** Send/receive functions bound to `ProtocolMap`. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
