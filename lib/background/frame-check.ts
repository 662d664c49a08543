/**
 * Whether the frames the background remembers are still there. A frame removed from its page cannot
 * say goodbye (a message sent while its document is torn down never arrives), so the background asks:
 * when a call client's engine port closes (its frame may be gone with it) and when a stopped worker
 * starts again. A subframe that does not answer with the document it reported from is gone — and
 * the session ends when that frame held the call.
 */
import { sendMessage } from '../protocol/messages';
import { callState, dispatch } from './calls';

/** Checks the remembered subframes of `tabId` (of every tab without it). */
export async function checkFrames(tabId?: number): Promise<void> {
  const { tabs } = await callState.getValue();
  for (const tab of Object.values(tabs)) {
    if (tabId !== undefined && tab.tabId !== tabId) continue;
    for (const [f, frame] of Object.entries(tab.frames ?? {})) {
      const frameId = Number(f);
      if (frameId === 0) continue; // the top frame's end is the tab's: the browser reports it
      const doc = await sendMessage('backgroundToContentDoc', undefined, { tabId: tab.tabId, frameId }).catch(() => null);
      if (doc !== frame.doc) await dispatch(() => ({ type: 'frameGone', tabId: tab.tabId, frameId, doc: frame.doc, now: Date.now() }), `gone:${tab.tabId}:${frameId}`);
    }
  }
}
