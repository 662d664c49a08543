/**
 * Joining Janus's videoroom demo from inside an iframe: the top page `framed-videoroom.html`
 * (written into the demo folder by test/support/janus.ts, so it is served on the same origin as
 * the demos, `janus.demosUrl`) embeds `videoroomtest.html` in
 * `<iframe id="callframe" name="call" allow="camera; microphone">`. The call, its camera and its
 * peer connection all live in that frame; the top page has no script of its own.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { FRAMED_VIDEOROOM_FILE } from './call-pages/framed-videoroom';
import { DEMO_ROOM, type RunningJanus } from './janus';
import { JOIN_TIMEOUT, logOf, logs } from './janus-demo';

export { FRAMED_VIDEOROOM_FILE };

/** The framed videoroom page of a running Janus, e.g. http://127.0.0.1:PORT/framed-videoroom.html */
export function framedVideoroomUrl(janus: RunningJanus): string {
  return `${janus.demosUrl}${FRAMED_VIDEOROOM_FILE}`;
}

/** A participant who joined from inside the frame. */
export interface FramedCall {
  /** The top page (its console carries the frame's lines too; `logOf(page)` shows them). */
  page: Page;
  /** The `#callframe` frame running videoroomtest.html (`window.sfutest` lives there). */
  frame: Frame;
}

/** The frame running the demo in a page opened at `framedVideoroomUrl` (waits until it exists). */
export async function callFrameOf(page: Page, timeout = JOIN_TIMEOUT): Promise<Frame> {
  const el = await page.waitForSelector('#callframe', { state: 'attached', timeout });
  const frame = await el.contentFrame();
  if (!frame) throw new Error('#callframe has no frame');
  return frame;
}

/** Resolves when the page (any of its frames) logs a line containing `text`. */
function waitForLine(page: Page, janus: RunningJanus, text: string, timeout = JOIN_TIMEOUT): Promise<void> {
  if (logs.get(page)?.some((l) => l.includes(text))) return Promise.resolve();
  return new Promise((ok, fail) => {
    const listener = (m: { text(): string }) => {
      if (!m.text().includes(text)) return;
      clearTimeout(t);
      page.off('console', listener);
      ok();
    };
    const t = setTimeout(() => {
      page.off('console', listener);
      fail(new Error(`no console line "${text}" within ${timeout / 1000} s; the framed page logged:\n${logOf(page)}\n--- Janus log ---\n${janus.logTail(20)}`));
    }, timeout);
    page.on('console', listener);
  });
}

/**
 * Opens the framed videoroom page and joins room 1234 as `name` inside the frame, the way a person
 * would (#start, #username, #register in the frame); resolves once the frame logged "Successfully
 * joined room 1234" and "PeerConnection is up". The page's console lines are recorded in
 * janus-demo's `logs`, so `logOf(page)` and `waitForLog(page, ...)` work on it as after `join()`.
 */
export async function joinInFrame(context: BrowserContext, janus: RunningJanus, name: string): Promise<FramedCall> {
  const page = await context.newPage();
  const lines: string[] = [];
  logs.set(page, lines);
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  const joined = waitForLine(page, janus, `Successfully joined room ${DEMO_ROOM}`);
  const up = waitForLine(page, janus, 'PeerConnection is up');
  // Whichever fails first is reported by the awaits below; do not let the other go unhandled.
  joined.catch(() => undefined);
  up.catch(() => undefined);
  await page.goto(framedVideoroomUrl(janus));
  const frame = await callFrameOf(page);
  await frame.click('#start', { timeout: JOIN_TIMEOUT });
  await frame.waitForSelector('#username:visible', { timeout: JOIN_TIMEOUT }).catch((e: Error) => {
    throw new Error(`the framed demo never asked for a name (${e.message.split('\n')[0]}); the page logged:\n${logOf(page)}`);
  });
  await frame.fill('#username', name);
  await frame.click('#register');
  await joined;
  await up;
  return { page, frame };
}
