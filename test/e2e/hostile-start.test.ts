// A page that tries to steer Selfview: see it before the user agreed, tell its wrappers from the
// browser's, click-jack a start, re-raise the hint after "Not now" or Stop, reopen Selfview's
// camera after the call turned its own off, flood it so the popup and Stop lag, and learn what
// another tab does. Every attempt is a real page script or a real click in Chromium.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { POPUP_READY } from '../../lib/session/popup-state';
import { CALL_END_GRACE_MS } from '../../lib/capture/hook-protocol';
import { startCallPage } from '../support/call-page';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { addSiteViaOptions, agree, capturingIn, currentWorker, declineHint, registeredCallScripts, startFromPopup, tabIdFor } from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
let call: Page;
let tabId: number;
const state = async () => callStateOf(await currentWorker(b));
const capturing = () => capturingIn(b, tabId);
const hint = () => call.locator('selfview-prompt');

/**
 * The page's own first script (put at the top of its <head>, where a page's earliest code runs):
 * records every window message and every event of the hook channel's names it can see. (A
 * Playwright init script would run before Selfview's document_start scripts, earlier than any
 * page can, so it is not used here.)
 */
const SPY = `<script>window.seen = [];
window.addEventListener('message', (e) => seen.push(e.data), true);
for (const type of ['selfview-hook-hello', 'selfview-hook-ready', 'selfview-hook-state']) {
  window.addEventListener(type, () => seen.push(type), true);
  document.addEventListener(type, () => seen.push(type), true);
}</script>`;
const seenMessages = (page: Page) => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);

async function join(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.click('#join');
  await page.waitForSelector('text=joined');
}

/** The page leaves the call (closes its connections, stops its camera), waits out Selfview's grace period, and joins again. */
async function fakeLeaveAndRejoin(page: Page): Promise<void> {
  await page.click('#leave');
  await page.waitForTimeout(CALL_END_GRACE_MS + 800);
  await page.click('#join');
  await page.waitForSelector('text=joined');
  await page.waitForTimeout(1500);
}

/** Sets the site's mode in Settings, as the user would. */
async function setMode(mode: 'ask' | 'auto' | 'never'): Promise<void> {
  const options = await b.context.newPage();
  await options.goto(b.url('options.html'));
  await options.selectOption(`[data-site="${server.origin.replace(/:\d+$/, '')}"] [data-testid=site-mode]`, mode);
  await options.close();
  // The background follows the change by (un)registering the site's scripts; pages loaded after that see it.
  await expect.poll(async () => (await registeredCallScripts(b)).some((id) => id.startsWith('user-')), { timeout: 10_000 }).toBe(mode !== 'never');
}

/** The functions the hook wraps, each with the text the browser's own gives. */
const WRAPPED = `[
  ['MediaDevices.prototype.getUserMedia', MediaDevices.prototype.getUserMedia, 'getUserMedia'],
  ['MediaStreamTrack.prototype.clone', MediaStreamTrack.prototype.clone, 'clone'],
  ['MediaStreamTrack.prototype.stop', MediaStreamTrack.prototype.stop, 'stop'],
  ['set enabled', Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled').set, 'set enabled'],
  ['MediaStream.prototype.addTrack', MediaStream.prototype.addTrack, 'addTrack'],
  ['MediaStream', MediaStream, 'MediaStream'],
  ['MediaStreamTrackProcessor', MediaStreamTrackProcessor, 'MediaStreamTrackProcessor'],
  ['RTCRtpSender.prototype.replaceTrack', RTCRtpSender.prototype.replaceTrack, 'replaceTrack'],
  ['RTCPeerConnection.prototype.addTrack', RTCPeerConnection.prototype.addTrack, 'addTrack'],
  ['RTCPeerConnection.prototype.addTransceiver', RTCPeerConnection.prototype.addTransceiver, 'addTransceiver'],
  ['RTCPeerConnection.prototype.createOffer', RTCPeerConnection.prototype.createOffer, 'createOffer'],
  ['RTCPeerConnection.prototype.setLocalDescription', RTCPeerConnection.prototype.setLocalDescription, 'setLocalDescription'],
  ['RTCPeerConnection.prototype.close', RTCPeerConnection.prototype.close, 'close'],
  ['Function.prototype.toString', Function.prototype.toString, 'toString'],
].map(([what, fn, name]) => [what, Function.prototype.toString.call(fn) === 'function ' + name + '() { [native code] }' && fn.name === name,
  String(fn)])`;

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8) });
  await addSiteViaOptions(b, server.origin);
  await b.context.route(`${server.origin}/call*`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('<head>', `<head>${SPY}`) });
  });
  call = await b.context.newPage();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('nothing reaches the page before the user agreed for that site', () => {
  it('before the agreement: native functions, no message, no element, nothing in the background', async () => {
    await join(call);
    tabId = await tabIdFor(b, server.url);
    await call.waitForTimeout(1000);
    const wrapped = await call.evaluate(WRAPPED) as [string, boolean, string][];
    expect(wrapped.filter(([, native]) => !native)).toEqual([]);
    expect(await seenMessages(call)).toEqual([]);
    expect(await hint().count()).toBe(0);
    expect((await state()).tabs[tabId]).toBeUndefined();
  });

  it('agreed, but this site set to "Never": still nothing', async () => {
    await agree(b);
    await setMode('never');
    await join(call);
    await call.waitForTimeout(1000);
    expect(await seenMessages(call)).toEqual([]);
    expect(await hint().count()).toBe(0);
    expect((await state()).tabs[tabId]).toBeUndefined();
    await setMode('ask');
  });

  it('after the agreement the wrappers read as the browser\'s own, and the hook posts nothing to the window', async () => {
    await join(call);
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    const wrapped = await call.evaluate(WRAPPED) as [string, boolean, string][];
    expect(wrapped.filter(([, native]) => !native)).toEqual([]);
    expect(await call.evaluate(() => MediaStream.prototype.constructor === MediaStream && new MediaStream() instanceof MediaStream)).toBe(true);
    // Errors made to pass through the wrappers carry no trace of Selfview's script.
    const stacks = await call.evaluate(async () => {
      const out: string[] = [];
      const tries: (() => unknown)[] = [
        () => MediaDevices.prototype.getUserMedia.call(null as unknown as MediaDevices), () => RTCPeerConnection.prototype.addTrack.call({} as RTCPeerConnection, null as unknown as MediaStreamTrack),
        () => Function.prototype.toString.call({}), () => new MediaStream(5 as unknown as MediaStreamTrack[]), () => MediaStreamTrack.prototype.clone.call({} as MediaStreamTrack),
      ];
      for (const f of tries) {
        try {
          await f();
          out.push('no error');
        } catch (e) {
          out.push(String((e as Error).stack));
        }
      }
      return out;
    });
    expect(stacks.filter((x) => x === 'no error' || x.includes('chrome-extension://'))).toEqual([]);
    expect(await seenMessages(call)).toEqual([]);
    await hint().waitFor({ state: 'visible', timeout: 10_000 });
  });
});

describe('a start the page cannot forge or hijack', () => {
  /** Page stylesheets and covers that once turned a real click into "Start" (issue 12). */
  const TRICKS: [string, string][] = [
    ['translate', 'selfview-prompt { translate: 0 -60px !important }'],
    ['scale', 'selfview-prompt { scale: 1.4 !important }'],
    ['zoom', 'selfview-prompt { zoom: 1.5 !important }'],
    ['right/bottom !important', 'selfview-prompt { right: auto !important; bottom: auto !important; left: 40px !important; top: 40px !important }'],
    ['mask-image (invisible)', 'selfview-prompt { mask-image: linear-gradient(transparent, transparent) !important; -webkit-mask-image: linear-gradient(transparent, transparent) !important }'],
    ['pointer-events:none cover', '#jack-cover { position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; background: #fff }'],
  ];

  it.each(TRICKS)('a real click through the "%s" trick starts nothing (the page has no Start to hijack)', async (_name, css) => {
    await join(call); // a navigation: an earlier "Not now" does not hold here
    await hint().waitFor({ state: 'visible', timeout: 10_000 });
    await call.evaluate((text) => {
      document.head.append(Object.assign(document.createElement('style'), { textContent: text }));
      const cover = Object.assign(document.createElement('div'), { id: 'jack-cover', textContent: 'Click to continue' });
      document.body.append(cover);
    }, css);
    // Where the hint's button is drawn now, and where it was drawn before the trick (the bait's spot).
    const box = (await hint().boundingBox())!;
    for (const [x, y] of [[box.x + 62, box.y + box.height - 28], [box.x + box.width / 2, box.y + box.height / 2]]) await call.mouse.click(x!, y!);
    await call.waitForTimeout(800);
    expect((await state()).active).toBeNull();
    expect(await capturing()).toBeFalsy();
    // At most a hijacked "Not now", which only holds Selfview back.
    const declined = (await state()).tabs[tabId]?.declined;
    console.log(`click-jacking "${_name}": no session; hint ${declined ? 'declined' : 'still shown'}`);
  });

  it('"Not now" holds through a fake leave, the grace period and a camera back on, until the tab navigates', async () => {
    await join(call);
    await declineHint(call);
    await fakeLeaveAndRejoin(call);
    expect(await hint().count()).toBe(0);
    expect((await state()).tabs[tabId]).toMatchObject({ cameraOn: true, declined: true });
    expect((await state()).active).toBeNull();
    await join(call); // navigating is a new page: Selfview offers again
    await hint().waitFor({ state: 'visible', timeout: 10_000 });
  });
});

describe('Selfview\'s camera follows only the call\'s real camera', () => {
  it('after the call turns its camera off, forged "camera on" messages and channel events do not reopen it', async () => {
    const { popup } = await startFromPopup(b, tabId);
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
    await call.click('#camoff');
    await expect.poll(capturing, { timeout: 5_000, interval: 50 }).toBeNull();
    await call.evaluate(() => {
      const forged = (on: boolean) => JSON.stringify({ source: 'selfview-call-hook', cameraOn: on, deviceId: null, inCall: true });
      const node = document.createElement('span');
      for (let i = 0; i < 2000; i++) {
        window.postMessage({ source: 'selfview-call-hook', cameraOn: true, deviceId: null, inCall: true }, '*');
        window.dispatchEvent(new MouseEvent('selfview-hook-hello', { relatedTarget: node }));
        window.dispatchEvent(new Event('selfview-hook-ready'));
        for (const t of [window, document, node]) t.dispatchEvent(new CustomEvent('selfview-hook-state', { detail: forged(true) }));
      }
    });
    await call.waitForTimeout(2500);
    expect(await capturing()).toBeNull();
    expect((await state()).tabs[tabId]?.cameraOn).toBe(false);
    expect((await state()).active?.status).toBe('running');
    // The call's real camera back on: Selfview follows.
    await call.click('#camon');
    await expect.poll(capturing, { timeout: 15_000 }).toBeTruthy();
    await popup.close();
  });
});

describe('a page that floods Selfview', () => {
  /** Opens the popup for the call tab `n` times; the median ms from navigation to the first state shown, and the last popup. */
  async function popupOpenMs(n = 3): Promise<{ ms: number; popup: Page }> {
    const times: number[] = [];
    let popup: Page | null = null;
    for (let i = 0; i < n; i++) {
      await popup?.close();
      popup = await b.context.newPage();
      await popup.goto(b.url(`popup.html?tab=${tabId}`));
      await popup.waitForSelector('[data-testid=session]');
      times.push(await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, POPUP_READY));
    }
    return { ms: times.sort((x, y) => x - y)[Math.floor(n / 2)]!, popup: popup! };
  }

  it('the popup opens as fast as without a flood, and Stop takes effect at once', async () => {
    // Measured once analysis runs steadily (the engine's start-up shares the extension's renderer with the popup).
    const sessionId = (await state()).active!.id;
    const reader = await b.context.newPage();
    await reader.goto(b.url('options.html'));
    const rows = async () => (await dbRows(reader)).samples[sessionId]?.length ?? 0;
    const at = await rows();
    await expect.poll(rows, { timeout: 20_000 }).toBeGreaterThan(at + 2);
    await reader.close();
    const quiet = await popupOpenMs();
    await quiet.popup.close();
    // 20,000 forged hook messages and channel events at once, then the page's real camera made to flicker without pause.
    await call.evaluate(() => {
      const w = window as unknown as { flooding: boolean; flips: number };
      const node = document.createElement('span');
      for (let i = 0; i < 20_000; i++) {
        window.postMessage({ source: 'selfview-call-hook', cameraOn: i % 2 === 0, deviceId: `forged-${i}`, inCall: i % 3 !== 0 }, '*');
        window.dispatchEvent(new MouseEvent('selfview-hook-hello', { relatedTarget: node }));
        document.dispatchEvent(new CustomEvent('selfview-hook-state', { detail: '{"cameraOn":true}' }));
      }
      w.flooding = true;
      w.flips = 0;
      const track = (0, eval)('stream').getVideoTracks()[0] as MediaStreamTrack;
      const flicker = () => {
        if (!w.flooding) return void (track.enabled = true);
        for (let i = 0; i < 50; i++) track.enabled = !track.enabled;
        track.enabled = !track.enabled;
        w.flips++;
        setTimeout(flicker, 0);
      };
      flicker();
    });
    const flooded = await popupOpenMs();
    console.log(`popup open (median of 3, navigation → state shown): ${quiet.ms.toFixed(0)} ms quiet, ${flooded.ms.toFixed(0)} ms under the flood (ratio ${(flooded.ms / quiet.ms).toFixed(2)})`);
    // Timings on this shared 2-core machine are reported; the test only holds the flood to no real slow-down (it was 21.8 s at 5,000 messages).
    expect(flooded.ms).toBeLessThan(2 * quiet.ms + 150);
    // Stop while the page keeps flickering.
    const clickAt = Date.now();
    await flooded.popup.click('[data-testid=stop]');
    await expect.poll(async () => (await state()).active, { timeout: 5_000, interval: 20 }).toBeNull();
    const stoppedMs = Date.now() - clickAt;
    await expect.poll(capturing, { timeout: 5_000, interval: 20 }).toBeNull();
    const releasedMs = Date.now() - clickAt;
    const flips = await call.evaluate(() => (window as unknown as { flips: number }).flips);
    console.log(`Stop under the flood: session ended after ≤ ${stoppedMs} ms, Selfview's camera released after ≤ ${releasedMs} ms (page flipped its camera ${flips}×51 times meanwhile)`);
    expect(stoppedMs).toBeLessThan(1000);
    expect(releasedMs).toBeLessThan(1500);
    await call.waitForTimeout(2000);
    expect(await capturing()).toBeNull(); // and it stays released while the page keeps at it
    await call.evaluate(() => void ((window as unknown as { flooding: boolean }).flooding = false));
    await flooded.popup.close();
  });

  it('after Stop the page cannot get the hint back by leaving and rejoining', async () => {
    await fakeLeaveAndRejoin(call);
    expect(await hint().count()).toBe(0);
    expect((await state()).active).toBeNull();
  });

  it('on an "auto" site, after Stop a fake leave and rejoin start nothing; a navigation does', async () => {
    await setMode('auto');
    await join(call);
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
    const popup = await b.context.newPage();
    await popup.goto(b.url(`popup.html?tab=${tabId}`));
    await popup.click('[data-testid=stop]');
    await expect.poll(capturing, { timeout: 5_000 }).toBeNull();
    await fakeLeaveAndRejoin(call);
    expect((await state()).active).toBeNull();
    expect(await capturing()).toBeFalsy();
    await join(call);
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
    await popup.reload();
    await popup.click('[data-testid=stop]');
    await expect.poll(capturing, { timeout: 5_000 }).toBeNull();
    const sessions = (await dbRows(popup)).sessions;
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => s.endedAt !== null)).toBe(true);
    await popup.close();
    await setMode('ask');
  });
});

describe('no cross-tab information in the page', () => {
  it('what a call tab shows does not change when another tab is analysed', async () => {
    const other = await b.context.newPage();
    await join(other);
    await join(call);
    await hint().waitFor({ state: 'visible', timeout: 10_000 });
    await other.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 10_000 });
    const look = () => call.evaluate(() => {
      const host = document.querySelector('selfview-prompt');
      const r = host?.getBoundingClientRect();
      return { hosts: document.querySelectorAll('selfview-prompt, selfview-overlay').length, size: r ? [r.width, r.height, r.x, r.y] : null, messages: (window as unknown as { seen: unknown[] }).seen.length };
    });
    const before = await look();
    const otherId = (await (await currentWorker(b)).evaluate(async (u) => (await chrome.tabs.query({ url: `${u}*` })).map((t) => t.id!), server.url)).find((id) => id !== tabId)!;
    const { popup } = await startFromPopup(b, otherId);
    await expect.poll(() => capturingIn(b, otherId), { timeout: 30_000 }).toBeTruthy();
    await call.waitForTimeout(1500);
    expect(await look()).toEqual(before);
    await popup.click('[data-testid=stop]');
    await popup.close();
    await other.close();
  });
});
