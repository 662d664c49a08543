/**
 * Owns the offscreen document that hosts the analysis engine: created on demand, never twice
 * (even when two requests race), closed when the engine reports it has been idle.
 */

/** The slice of `chrome.offscreen` / `chrome.runtime` the lifecycle uses (injected for tests). */
export interface OffscreenApi {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  closeDocument(): Promise<void>;
}

/** Extension path of the offscreen document. */
export const OFFSCREEN_PATH = '/offscreen.html';

/** Returns `ensure` and `close` functions bound to one API. */
export function offscreenLifecycle(api: OffscreenApi): { ensure(): Promise<{ created: boolean }>; close(): Promise<{ closed: boolean }> } {
  let creating: Promise<{ created: boolean }> | null = null;
  return {
    ensure() {
      creating ??= (async () => {
        if (await api.hasDocument()) return { created: false };
        await api.createDocument();
        return { created: true };
      })().finally(() => {
        creating = null;
      });
      return creating;
    },
    async close() {
      if (creating) await creating.catch(() => undefined);
      if (!(await api.hasDocument())) return { closed: false };
      await api.closeDocument();
      return { closed: true };
    },
  };
}

/** The real Chromium implementation. */
export function chromeOffscreenApi(): OffscreenApi {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  return {
    async hasDocument() {
      const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
      return contexts.length > 0;
    },
    createDocument: () =>
      chrome.offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['USER_MEDIA' as chrome.offscreen.Reason],
        justification: 'Runs the on-device face analysis of frames from the user’s own camera.',
      }),
    closeDocument: () => chrome.offscreen.closeDocument(),
  };
}
