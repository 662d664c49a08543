/** Helpers for driving the Practice page from Playwright. */
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    /** Every stream getUserMedia returned in this page (recorded by `trackStreams`). */
    __selfviewStreams: MediaStream[];
  }
}

/** Records the page's camera streams so a test can check they were all stopped. */
export async function trackStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__selfviewStreams = [];
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      const s = await original(c);
      window.__selfviewStreams.push(s);
      return s;
    };
  });
}

/** The value a cue shows on the page ('' before the first frame). */
export function cueValue(page: Page, cue: string): Promise<string | null> {
  return page.getAttribute(`[data-testid=cue-bars] [data-cue=${cue}]`, 'data-value');
}

/** Waits for the first frame with a face. */
export async function waitForCues(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('[data-testid=cue-bars] [data-cue=smile]:not([data-value=""])', { timeout });
}
