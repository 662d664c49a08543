/** Checks on who sent a message or opened a port: every handler calls one of these first. */

/** Minimal shape of `runtime.MessageSender` that the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * True when the sender is a page of this extension (not a content script, not another extension).
 * Compares scheme and host rather than `URL.origin`: for a `chrome-extension:` URL the standard URL
 * parser (Node, and any engine that does not special-case the scheme) gives the opaque origin
 * "null", which would equal the origin of every `data:` or `about:blank` page.
 */
export function isOwnExtensionPage(sender: SenderLike, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  try {
    const from = new URL(sender.url), own = new URL(ownOrigin);
    return own.host !== '' && from.protocol === own.protocol && from.host === own.host;
  } catch {
    return false;
  }
}
