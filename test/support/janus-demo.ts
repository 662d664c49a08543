/**
 * Driving Debian's Janus demo pages from Playwright: join the videoroom the way a person would,
 * wait for console lines and playing videos, read the selected ICE pair, poll participants.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { DEMO_ROOM, listParticipants, type Participant, type RunningJanus } from './janus';

/** Flags a WebRTC call on loopback needs (host candidates on 127.0.0.2, video that plays by itself). */
export const CALL_FLAGS = ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];
export const JOIN_TIMEOUT = 30_000;

/** Console lines per page joined through `join`. */
export const logs = new Map<Page, string[]>();
let current: RunningJanus | undefined;

/** What a page logged so far (for failure messages). */
export function logOf(page: Page): string {
  return (logs.get(page) ?? []).slice(-30).join('\n');
}

/** Resolves when the page logs a line containing `text`. */
export function waitForLog(page: Page, text: string, timeout = JOIN_TIMEOUT): Promise<void> {
  if (logs.get(page)?.some((l) => l.includes(text))) return Promise.resolve();
  return new Promise((ok, fail) => {
    const t = setTimeout(() => {
      page.off('console', listener);
      fail(new Error(`no console line "${text}" within ${timeout / 1000} s; the page logged:\n${logOf(page)}\n--- Janus log ---\n${current?.logTail(20)}`));
    }, timeout);
    const listener = (m: { text(): string }) => {
      if (!m.text().includes(text)) return;
      clearTimeout(t);
      page.off('console', listener);
      ok();
    };
    page.on('console', listener);
  });
}

/** Waits until the <video> matched by `selector` plays frames in `page` (or a frame of it); returns its size. */
export async function waitForPlayingVideo(page: Page | Frame, selector: string, timeout = JOIN_TIMEOUT): Promise<{ width: number; height: number }> {
  try {
    await page.waitForFunction((sel) => {
      const v = document.querySelector<HTMLVideoElement>(sel);
      return !!v && !v.paused && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0;
    }, selector, { timeout, polling: 200 });
  } catch (e) {
    throw new Error(`${selector} did not play within ${timeout / 1000} s (${(e as Error).message.split('\n')[0]}); the page logged:\n${logOf('page' in page ? page.page() : page)}`);
  }
  return page.$eval(selector, (v) => ({ width: (v as HTMLVideoElement).videoWidth, height: (v as HTMLVideoElement).videoHeight }));
}

/** The publisher's selected ICE candidate pair in `page` or a frame (the demo keeps its plugin handle in `window.sfutest`). */
export function selectedPair(page: Page | Frame): Promise<{ local?: string; remote?: string; bytesSent?: number } | null> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { sfutest?: { webrtcStuff?: { pc?: RTCPeerConnection } } }).sfutest?.webrtcStuff?.pc;
    if (!pc) return null;
    const stats = await pc.getStats();
    let pairId: string | undefined;
    stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
    });
    const pair = pairId ? stats.get(pairId) : undefined;
    if (!pair) return null;
    return { local: stats.get(pair.localCandidateId)?.address, remote: stats.get(pair.remoteCandidateId)?.address, bytesSent: pair.bytesSent };
  });
}

/** Opens the videoroom demo and joins room 1234 as `name`, the way a person would. */
export async function join(context: BrowserContext, janus: RunningJanus, name: string): Promise<Page> {
  current = janus;
  const page = await context.newPage();
  const lines: string[] = [];
  logs.set(page, lines);
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  const joined = waitForLog(page, `Successfully joined room ${DEMO_ROOM}`);
  const up = waitForLog(page, 'PeerConnection is up');
  await page.goto(`${janus.demosUrl}videoroomtest.html`);
  await page.click('#start');
  await page.waitForSelector('#username:visible', { timeout: JOIN_TIMEOUT }).catch((e: Error) => {
    throw new Error(`the demo never asked for a name (${e.message.split('\n')[0]}); the page logged:\n${logOf(page)}`);
  });
  await page.fill('#username', name);
  await page.click('#register');
  await joined;
  await up;
  return page;
}

/** Polls Janus until `check` holds for room 1234's participants. */
export async function waitForParticipants(janus: RunningJanus, check: (ps: Participant[]) => boolean, timeout = 15_000): Promise<Participant[]> {
  const until = Date.now() + timeout;
  let ps = await listParticipants(DEMO_ROOM, janus.httpUrl);
  while (!check(ps) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    ps = await listParticipants(DEMO_ROOM, janus.httpUrl);
  }
  return ps;
}

