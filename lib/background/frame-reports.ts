/**
 * Camera reports from the frames of call tabs, waiting for the tab's next state job. Only the
 * newest report per frame is kept: however often a page makes its camera flicker, a tab costs the
 * background one job per `PAGE_EVENT_GAP_MS` holding each frame's latest word.
 */
import type { CallTabReport } from '../protocol/messages';

/** A validated report of one frame, with where it came from. */
export interface FrameReport extends CallTabReport {
  frameId: number;
  /** The frame's URL, or its origin for about:blank / blob frames that inherit it. */
  url: string;
}

/** Checks a content script's report (our own script, but it relays what a page's world told it). */
export function parseReport(data: unknown): CallTabReport | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (typeof d.cameraOn !== 'boolean' || typeof d.inCall !== 'boolean') return null;
  if (d.deviceId !== null && (typeof d.deviceId !== 'string' || d.deviceId.length > 512)) return null;
  if (typeof d.doc !== 'string' || !/^[\w-]{1,64}$/.test(d.doc)) return null;
  return { cameraOn: d.cameraOn, deviceId: d.deviceId as string | null, inCall: d.inCall, doc: d.doc };
}

/** The URL that decides which call site a frame belongs to: its own, or the origin it inherits. */
export function frameUrl(sender: { url?: string; origin?: string; tab?: { url?: string } }): string | null {
  if (sender.url && /^https?:/i.test(sender.url)) return sender.url;
  if (sender.origin && /^https?:/i.test(sender.origin)) return `${sender.origin}/`;
  // Firefox gives no `origin`: an about:blank frame counts as its tab's page (the frame inherits an
  // origin the browser already matched). An opaque origin ("null": a sandboxed frame) belongs to no site.
  if (sender.origin !== undefined) return null;
  return sender.tab?.url && /^https?:/i.test(sender.tab.url) ? sender.tab.url : null;
}

/** Waiting reports per tab, newest per frame. */
export class FrameReports {
  private readonly byTab = new Map<number, Map<number, FrameReport>>();

  /** Keeps `r` as its frame's newest word. */
  put(tabId: number, r: FrameReport): void {
    const frames = this.byTab.get(tabId) ?? new Map<number, FrameReport>();
    frames.set(r.frameId, r);
    this.byTab.set(tabId, frames);
  }

  /** Takes (and forgets) every waiting report of a tab, in frame order. */
  take(tabId: number): FrameReport[] {
    const frames = this.byTab.get(tabId);
    this.byTab.delete(tabId);
    return frames ? [...frames.values()].sort((a, b) => a.frameId - b.frameId) : [];
  }
}
