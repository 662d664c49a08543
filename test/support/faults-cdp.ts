/**
 * DevTools access to the extension's offscreen document (Playwright does not expose it as a page):
 * find it, evaluate in it, read its heap, close it — through the browser-level CDP session.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/support/browser';

/** The browser-level DevTools session of `b`. */
export async function browserCdp(b: ExtensionBrowser): Promise<CDPSession> {
  const browser = b.context.browser();
  if (!browser) throw new Error('no browser behind this context');
  return browser.newBrowserCDPSession();
}

/** The target id of the offscreen document, or null when there is none. */
export async function offscreenTarget(cdp: CDPSession, b: ExtensionBrowser): Promise<string | null> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.find((t) => t.url === b.url('offscreen.html'))?.targetId ?? null;
}

/** Sends one DevTools command to a target through the browser session (Playwright does not route child sessions). */
export async function sendToTarget<T>(cdp: CDPSession, targetId: string, method: string, params: object = {}): Promise<T> {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  try {
    return await new Promise<T>((resolve, reject) => {
      const id = Math.floor(Math.random() * 1e9);
      const onMessage = (e: { sessionId?: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: T; error?: { message: string } };
        if (e.sessionId !== sessionId || m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result as T);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

/** Evaluates `expression` in the offscreen document (awaiting a promise) and returns its JSON value. */
export async function evalInOffscreen<T>(cdp: CDPSession, b: ExtensionBrowser, expression: string): Promise<T> {
  const target = await offscreenTarget(cdp, b);
  if (!target) throw new Error('no offscreen document');
  const r = await sendToTarget<{ result: { value: T }; exceptionDetails?: { text: string } }>(cdp, target, 'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`in the offscreen document: ${r.exceptionDetails.text}`);
  return r.result.value;
}

/** The offscreen document's JS heap after a garbage collection (bytes). */
export async function offscreenHeap(cdp: CDPSession, b: ExtensionBrowser): Promise<number> {
  const target = await offscreenTarget(cdp, b);
  if (!target) throw new Error('no offscreen document');
  await sendToTarget(cdp, target, 'HeapProfiler.collectGarbage');
  return (await sendToTarget<{ usedSize: number }>(cdp, target, 'Runtime.getHeapUsage')).usedSize;
}

type DomNode = { nodeType: number; nodeName: string; nodeValue?: string; children?: DomNode[]; shadowRoots?: DomNode[] };

/**
 * The text Selfview's in-page prompt or notice shows ('' when none): it lives in a closed shadow
 * root that selectors cannot enter, but DevTools' DOM (what a person sees) does.
 */
export async function promptText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const text = (n: DomNode): string => (n.nodeType === 3 ? (n.nodeValue ?? '') : [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(text).join(' '));
    const find = (n: DomNode): DomNode | null => {
      if (n.nodeName === 'SELFVIEW-PROMPT') return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const host = find(root);
    return host ? text(host).replace(/\s+/g, ' ').trim() : '';
  } finally {
    await cdp.detach();
  }
}
