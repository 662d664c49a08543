/**
 * Where the analysis engine lives, as the background sees it. Chromium: an offscreen document,
 * created on demand and closed when idle. Firefox (no offscreen API): the background page itself,
 * which is a real document, so the engine starts there on the first request and needs nothing created.
 */
import type { FeedbackSetup } from '../feedback/items';
import { sendMessage } from '../protocol/messages';
import type { EngineService } from '../engine/engine-service';
import { chromeOffscreenApi, offscreenLifecycle } from './offscreen-lifecycle';

/** What the background's handlers do with the engine, whichever context hosts it. */
export interface EngineHosting {
  /** Makes sure the engine is listening for frame ports (idempotent). */
  ensure(): Promise<{ created: boolean }>;
  /** The engine reported it has been idle: free what can be freed. */
  idle(): Promise<{ closed: boolean }>;
  /** The feedback settings changed: tell the engine. */
  feedbackChanged(setup: FeedbackSetup): Promise<void>;
}

/** Chromium: the engine runs in the offscreen document and is told of changes by message. */
export function offscreenEngineHosting(): EngineHosting {
  const offscreen = offscreenLifecycle(chromeOffscreenApi());
  return {
    ensure: () => offscreen.ensure(),
    idle: () => offscreen.close(),
    // No offscreen document (nothing analysing) means nobody to tell: the next one reads the settings afresh.
    feedbackChanged: (setup) => sendMessage('backgroundToOffscreenFeedback', setup).catch(() => undefined),
  };
}

/**
 * The engine started inside the background's own document by `start` on the first `ensure`, once
 * even when requests race (a failed start is retried by the next request). The page cannot be
 * closed from here: an idle Firefox event page is ended by the browser, and the engine starts
 * again when it is next needed.
 */
export function inPageEngineHosting(start: () => Promise<EngineService>): EngineHosting {
  let service: Promise<EngineService> | null = null;
  return {
    async ensure() {
      if (service) return service.then(() => ({ created: false }));
      const starting = start();
      service = starting;
      starting.catch(() => {
        if (service === starting) service = null;
      });
      return starting.then(() => ({ created: true }));
    },
    idle: async () => ({ closed: false }),
    async feedbackChanged(setup) {
      // Not started: no session to update; the first session reads the current settings itself.
      (await service?.catch(() => null))?.feedbackChanged(setup);
    },
  };
}
