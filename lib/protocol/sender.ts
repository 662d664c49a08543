/** Checks on who sent a message or opened a port: every handler calls one of these first. */

/** Minimal shape of `runtime.MessageSender` that the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** True when the sender is a page of this extension (not a content script, not another extension). */
export function isOwnExtensionPage(sender: SenderLike, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  try {
    return new URL(sender.url).origin === new URL(ownOrigin).origin;
  } catch {
    return false;
  }
}
