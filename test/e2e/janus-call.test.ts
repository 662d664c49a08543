// A real video call, fully on loopback: Debian's Janus and its videoroom demo, joined by headless
// Chromium with a fake camera and the extension loaded. Needs the private network namespace of
// test/support/netns.ts (npm run test:e2e sets it up) and `apt-get install janus janus-demos`.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { y4mFromVideo } from '../support/fake-camera';
import { JANUS_ADDR } from '../support/netns';
import { DEMO_ROOM, janusUnavailable, listParticipants, startJanus, type Participant, type RunningJanus } from '../support/janus';

const skipReason = janusUnavailable();
if (skipReason) console.warn(`[janus-call] skipped: ${skipReason}`);

/** Flags a WebRTC call on loopback needs (host candidates on 127.0.0.2, video that plays by itself). */
const CALL_FLAGS = ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];
const JOIN_TIMEOUT = 30_000;

let janus: RunningJanus | undefined;
let b: ExtensionBrowser | undefined;
const logs = new Map<Page, string[]>();

/** What a page logged so far (for failure messages). */
function logOf(page: Page): string {
  return (logs.get(page) ?? []).slice(-30).join('\n');
}

/** Resolves when the page logs a line containing `text`. */
function waitForLog(page: Page, text: string, timeout = JOIN_TIMEOUT): Promise<void> {
  if (logs.get(page)?.some((l) => l.includes(text))) return Promise.resolve();
  return new Promise((ok, fail) => {
    const t = setTimeout(() => {
      page.off('console', listener);
      fail(new Error(`no console line "${text}" within ${timeout / 1000} s; the page logged:\n${logOf(page)}\n--- Janus log ---\n${janus?.logTail(20)}`));
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

/** Waits until the <video> matched by `selector` plays frames; returns its size. */
async function waitForPlayingVideo(page: Page, selector: string, timeout = JOIN_TIMEOUT): Promise<{ width: number; height: number }> {
  try {
    await page.waitForFunction((sel) => {
      const v = document.querySelector<HTMLVideoElement>(sel);
      return !!v && !v.paused && v.readyState >= 2 && v.videoWidth > 0 && v.currentTime > 0;
    }, selector, { timeout, polling: 200 });
  } catch (e) {
    throw new Error(`${selector} did not play within ${timeout / 1000} s (${(e as Error).message.split('\n')[0]}); the page logged:\n${logOf(page)}`);
  }
  return page.$eval(selector, (v) => ({ width: (v as HTMLVideoElement).videoWidth, height: (v as HTMLVideoElement).videoHeight }));
}

/** The publisher's selected ICE candidate pair (the demo keeps its plugin handle in `window.sfutest`). */
function selectedPair(page: Page): Promise<{ local?: string; remote?: string; bytesSent?: number } | null> {
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
async function join(name: string): Promise<Page> {
  const page = await b!.context.newPage();
  const lines: string[] = [];
  logs.set(page, lines);
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  const joined = waitForLog(page, `Successfully joined room ${DEMO_ROOM}`);
  const up = waitForLog(page, 'PeerConnection is up');
  await page.goto(`${janus!.demosUrl}videoroomtest.html`);
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
async function waitForParticipants(check: (ps: Participant[]) => boolean, timeout = 15_000): Promise<Participant[]> {
  const until = Date.now() + timeout;
  let ps = await listParticipants(DEMO_ROOM, janus!.httpUrl);
  while (!check(ps) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    ps = await listParticipants(DEMO_ROOM, janus!.httpUrl);
  }
  return ps;
}

describe.skipIf(skipReason !== null)(`a real video call on loopback (Janus videoroom)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  beforeAll(async () => {
    requireBuilt({ faces: true });
    const camera = y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8);
    const t0 = Date.now();
    janus = await startJanus();
    console.log(`[janus-call] Janus and the demo server up in ${Date.now() - t0} ms (${janus.httpUrl}, demos at ${janus.demosUrl})`);
    b = await launchWithExtension({ camera, extraArgs: CALL_FLAGS });
  });
  afterAll(async () => {
    await b?.close();
    await janus?.stop();
  });

  it('a participant joins room 1234 and publishes the fake camera', async () => {
    const t0 = Date.now();
    const page = await join('alice');
    const size = await waitForPlayingVideo(page, '#videolocal video');
    console.log(`[janus-call] alice joined and publishes in ${Date.now() - t0} ms`);
    expect(size).toEqual({ width: 640, height: 480 });
    const ps = await waitForParticipants((p) => p.some((x) => x.display === 'alice' && x.publisher));
    expect(ps).toEqual([expect.objectContaining({ display: 'alice', publisher: true })]);
    // Media really flows through Janus on the namespace's janus0 address, not some other path.
    const pair = await selectedPair(page);
    console.log(`[janus-call] alice's selected ICE pair: ${JSON.stringify(pair)}`);
    expect(pair).toMatchObject({ remote: JANUS_ADDR });
    expect(pair!.bytesSent).toBeGreaterThan(0);
  });

  it('a second participant sees the first, and the first sees the second', async () => {
    const t0 = Date.now();
    const bob = await join('bob');
    const remote = await waitForPlayingVideo(bob, '#videoremote1 video');
    expect(remote.width).toBeGreaterThan(0);
    const alice = b!.context.pages().find((p) => p !== bob && logs.has(p))!;
    const back = await waitForPlayingVideo(alice, '#videoremote1 video');
    expect(back.width).toBeGreaterThan(0);
    console.log(`[janus-call] bob joined and both see each other in ${Date.now() - t0} ms`);
    const ps = await waitForParticipants((p) => p.filter((x) => x.publisher).length === 2);
    expect(ps.map((p) => [p.display, p.publisher]).sort()).toEqual([['alice', true], ['bob', true]]);
  });
});
