/**
 * The private line between the page-world hook and Selfview's isolated content script of the same
 * frame. Both are injected at document_start, before any page script exists; in that moment they
 * exchange a detached element (carried as a MouseEvent's `relatedTarget`, which crosses worlds as
 * the same node). From then on the hook dispatches its states on that element, which is in no
 * document: no page listener can see them, and no page script can reach the element to forge one.
 * Nothing is ever posted to the window, so a page has nothing to read, replay or flood.
 */

const HELLO = 'selfview-hook-hello';
const READY = 'selfview-hook-ready';
const STATE = 'selfview-hook-state';

/**
 * Page-world side: returns `send(text)`. Texts sent before the isolated side answered are kept
 * (only the last one) and delivered on the handshake.
 */
export function openHookChannel(win: Window): (text: string) => void {
  const node = win.document.createElement('span');
  let connected = false;
  let pending: string | null = null;
  const deliver = (text: string): void => void node.dispatchEvent(new CustomEvent(STATE, { detail: text }));
  const hello = (): void => {
    if (connected) return;
    win.dispatchEvent(new MouseEvent(HELLO, { relatedTarget: node }));
  };
  node.addEventListener(READY, () => {
    connected = true;
    win.removeEventListener(READY, hello);
    if (pending !== null) deliver(pending);
    pending = null;
  }, { once: true });
  // The isolated side may run after us (it then asks), or before us (it is already listening).
  win.addEventListener(READY, hello, { once: true });
  hello();
  return (text) => {
    if (connected) deliver(text);
    else pending = text;
  };
}

/**
 * Isolated-world side: calls `onText` with each text the hook sends. Takes only the first hello,
 * and only one that carries a node outside the document (a page cannot hand us one it can reach
 * later, since page scripts do not run before us; this is defence in depth).
 */
export function listenHookChannel(win: Window & typeof globalThis, onText: (text: string) => void): void {
  const onHello = (e: Event): void => {
    const node = (e as MouseEvent).relatedTarget;
    if (!(node instanceof win.Element) || node.isConnected) return;
    win.removeEventListener(HELLO, onHello, true);
    e.stopImmediatePropagation();
    node.addEventListener(STATE, (s) => {
      const detail = (s as CustomEvent<unknown>).detail;
      if (typeof detail === 'string') onText(detail);
    });
    node.dispatchEvent(new Event(READY));
  };
  win.addEventListener(HELLO, onHello, true);
  win.dispatchEvent(new Event(READY));
}
