/** Firefox: the analysis engine runs in the background page (an event page with a DOM). */
import { readFeedbackSetup } from '../feedback/items';
import { readSettings } from '../settings/items';
import { inPageEngineHosting, type EngineHosting } from './engine-hosting';
import { checkFrames } from './frame-check';
import { recordStorageProblem } from './storage-problem';

/** How long without a client before the engine flushes its pending seconds (the page itself is ended by Firefox when idle). */
const IDLE_FLUSH_MS = 30_000;

/** The engine hosting for Firefox: settings and storage are read directly, with no messages in between. */
export function firefoxEngineHosting(): EngineHosting {
  return inPageEngineHosting(async () => {
    // Loaded on first use: the engine and MediaPipe are not needed for the background's other work.
    const { startEngineService } = await import('../engine/engine-service');
    return startEngineService({
      delegatePreference: async () => (await readSettings()).delegate,
      feedbackSetup: readFeedbackSetup,
      storageProblem: (message) => void recordStorageProblem(message, Date.now()).catch(() => undefined),
      onIdle: () => undefined,
      clientGone: (tabId) => void checkFrames(tabId).catch(() => undefined),
      idleMs: IDLE_FLUSH_MS,
    });
  });
}
