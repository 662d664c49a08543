/**
 * The analysis engine as a service of whichever extension context hosts it: Chromium's offscreen
 * document or Firefox's background page (Firefox has no offscreen API). Stores call seconds and
 * nudges where they are computed and serves frame ports; how it reaches settings and the
 * background differs by host, so those are passed in.
 */
import { browser } from 'wxt/browser';
import { sealerFor } from '../crypto/sealer-for';
import { getDB } from '../db/schema';
import { SampleWriter } from '../db/sample-writer';
import { addNudge } from '../db/sessions';
import type { FeedbackSetup } from '../feedback/items';
import { sendMessage } from '../protocol/messages';
import type { DelegatePreference } from './delegate';
import { createEngineHost } from './host';
import { SessionFeedback } from './session-feedback';

/** What differs between the hosts. */
export interface EngineServiceDeps {
  /** The user's delegate choice (Settings › Practice). */
  delegatePreference(): Promise<DelegatePreference>;
  /** Baseline, thresholds and nudge settings for call sessions. */
  feedbackSetup(): Promise<FeedbackSetup>;
  /** Storing a call's seconds failed (e.g. the disk is full); kept for the popup. */
  storageProblem(message: string): void;
  /** No client has been connected for `idleMs` (pending seconds are already flushed). */
  onIdle(): void;
  /** A client in frame `frameId` of tab `tabId` closed its port (the background checks that frame is still there). */
  clientGone?(tabId: number, frameId: number): void;
  idleMs: number;
}

/** A started service. */
export interface EngineService {
  /** The feedback settings changed: sessions started from now on use them. */
  feedbackChanged(setup: FeedbackSetup): void;
}

/** Starts serving frame ports in the current context (call once per context). */
export function startEngineService(deps: EngineServiceDeps): EngineService {
  const db = getDB();
  const onError = (message: string): void => {
    console.warn(`Selfview storage: ${message}`);
    deps.storageProblem(message);
  };
  // With encryption at rest on, seconds are sealed with the public key from the database (no
  // passphrase needed); asked at each batch until a session has a key.
  const writer = new SampleWriter(db, { sealer: () => sealerFor(db), onError });
  const feedback = new SessionFeedback(() => deps.feedbackSetup());
  const attach = createEngineHost({
    getURL: (p) => browser.runtime.getURL(`/${p}` as '/'),
    // Only this extension's own pages and content scripts can connect (there is no externally_connectable).
    allowPort: (port) => port.sender?.id === browser.runtime.id,
    delegatePreference: () => deps.delegatePreference(),
    onIdle: () => void writer.flush().then(() => deps.onIdle()).catch(() => undefined),
    idleMs: deps.idleMs,
    onClientGone: (sender) => sender?.tab?.id !== undefined && typeof sender.frameId === 'number' && deps.clientGone?.(sender.tab.id, sender.frameId),
    now: () => performance.timeOrigin + performance.now(),
    onSessionSecond: (session, aggregate) => {
      writer.add(session.id, aggregate.t, session.startedAt + aggregate.t * 1000, aggregate);
      void sendMessage('offscreenToPagesSecond', { sessionId: session.id, aggregate }).catch(() => undefined);
    },
    feedback,
    onNudge: (session, nudge, t) => {
      void addNudge(db, { sessionId: session.id, at: nudge.at, t, kind: nudge.kind, message: nudge.message, text: nudge.text }).catch(() => undefined);
      void sendMessage('offscreenToPagesNudge', { sessionId: session.id, nudge: { ...nudge, t } }).catch(() => undefined);
    },
  });
  browser.runtime.onConnect.addListener(attach);
  return { feedbackChanged: (setup) => feedback.update(setup) };
}
