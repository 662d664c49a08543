// Capture follows the camera wherever the call app puts it: in an iframe (one or two levels deep),
// in an about:blank frame's realm, through a pristine getUserMedia, or on the call only as a clone
// (addTrack, addTransceiver, new MediaStream, MediaStreamTrackProcessor). For each, a real page in
// Chromium: the background sees the camera on after join, the hint appears once, in the top page
// (the camera's frame may be a 2×2 px about:blank helper), Start in the popup opens Selfview's own camera and stores seconds in exactly one
// session, camera off releases Selfview's camera within 1 s and camera on resumes, and leaving or
// closing the tab ends the session. Removing the call's iframe ends the session at once. The popup
// tells the truth when it cannot see the call's camera: a page opened before the agreement
// ("reload"), and a call framed from another origin that is not a call site ("noCamera").
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { CALL_PATHS, startCallPage } from '../support/call-page';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { CALL_FLAGS } from '../support/janus-demo';
import { addSiteViaOptions, agree, capturingIn, currentWorker, offscreenCount, startFromPopup } from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
/** An extension page kept open to read IndexedDB from. */
let db: Page;
/** A call page opened (and joined) before the user agreed. */
let early: Page;
let opened = 0;
const summaries: string[] = [];
const state = async () => callStateOf(await currentWorker(b));
const endReasonOf = async (id: string) => (await dbRows(db)).sessions.find((s) => s.id === id)?.endReason ?? null;

/** Opens `path` on the call server (`origin` by default) in a new tab, with a marker that makes the tab's URL unique. */
async function openCall(path: string, origin = server.origin): Promise<{ page: Page; url: string }> {
  const page = await b.context.newPage();
  const url = `${origin}${path}${path.includes('?') ? '&' : '?'}tab=${++opened}`;
  await page.goto(url);
  return { page, url };
}

/** The id of the tab showing exactly `url`. */
async function tabIdOf(url: string): Promise<number> {
  const worker = await currentWorker(b);
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab at ${url}`);
  return id;
}

/** The frame named `name` in `page` once it has the call's buttons (the top frame when `name` is undefined). */
async function callFrameIn(page: Page, name?: string): Promise<Frame> {
  let frame: Frame | null = page.mainFrame();
  if (name) {
    await expect.poll(() => page.frame({ name }) !== null, { timeout: 10_000 }).toBe(true);
    frame = page.frame({ name })!;
  }
  await frame.waitForSelector('#join', { timeout: 10_000 });
  return frame;
}

const statusOf = async (f: Frame) => (await f.textContent('#status'))?.trim();

/** Clicks `button` in the call's frame and waits for the page's own status text (its errors fail the test with their message). */
async function act(f: Frame, button: string, want: string): Promise<void> {
  await f.click(button);
  // vi.waitFor, not expect.poll: this also runs in beforeAll.
  await vi.waitFor(async () => expect(await statusOf(f)).toBe(want), { timeout: 15_000, interval: 100 });
}

type DomNode = { nodeName: string; nodeType: number; nodeValue: string; documentURL?: string; children?: DomNode[]; shadowRoots?: DomNode[]; contentDocument?: DomNode };

/**
 * Every Selfview prompt in the page, in any frame: the URL of its frame's document and its text.
 * Read through DevTools, which pierces closed shadow roots and (with `contentDocument`) frames.
 */
async function promptsIn(page: Page): Promise<{ frame: string; text: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const kids = (n: DomNode): DomNode[] => [...(n.shadowRoots ?? []), ...(n.children ?? []), ...(n.contentDocument ? [n.contentDocument] : [])];
  const text = (n: DomNode): string => (n.nodeType === 3 ? n.nodeValue : kids(n).map(text).join(' '));
  const found: { frame: string; text: string }[] = [];
  const walk = (n: DomNode, url: string): void => {
    const here = n.documentURL ?? url;
    if (n.nodeName === 'SELFVIEW-PROMPT') found.push({ frame: here, text: text(n).replace(/\s+/g, ' ').trim() });
    for (const k of kids(n)) walk(k, here);
  };
  walk(root, '');
  return found;
}

/**
 * Starts recording, in the service worker, the messages Selfview's content scripts in tab `tabId`
 * send (for failure messages only: a spy that answers nothing). Resolves with a reader of the lines.
 */
async function recordFrameMessages(tabId: number): Promise<() => Promise<string[]>> {
  const worker = await currentWorker(b);
  await worker.evaluate((tab) => {
    const g = globalThis as unknown as { heard: string[]; heardT0: number };
    g.heard = [];
    g.heardT0 = Date.now();
    chrome.runtime.onMessage.addListener((m: { type?: string; data?: unknown }, s) => {
      if (s.tab?.id === tab && m?.type?.startsWith('contentToBackground')) g.heard.push(`${Date.now() - g.heardT0} frame ${s.frameId} ${m.type.slice(19)} ${JSON.stringify(m.data)}`);
    });
  }, tabId);
  return () => worker.evaluate(() => (globalThis as unknown as { heard?: string[] }).heard ?? []).catch(() => ['(the service worker was replaced)']);
}

/** Ids of the sessions stored now. */
const sessionIds = async () => (await dbRows(db)).sessions.map((s) => s.id);

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: CALL_FLAGS });
  expect(await addSiteViaOptions(b, server.origin)).toContain('Added http://127.0.0.1');
  // A call already open (and joined) when the user agrees: its page never got Selfview's scripts.
  ({ page: early } = await openCall(CALL_PATHS.call));
  await act(early.mainFrame(), '#join', 'joined');
  await agree(b);
  db = await b.context.newPage();
  await db.goto(b.url('options.html'));
});
// A failed case must not leave its call (and a session) behind for the next one.
afterEach(async () => {
  for (const p of b.context.pages()) if (p !== db && !p.isClosed()) await p.close();
  await expect.poll(async () => (await state()).active, { timeout: 5_000 }).toBeNull();
});
afterAll(async () => {
  if (summaries.length) console.log(`[call-frames] summary\n${summaries.join('\n')}`);
  await b?.close();
  await server?.stop();
});

describe('the popup says the truth when Selfview cannot see the call’s camera', () => {
  it('a call page opened before the user agreed: "reload"; after a reload it is seen', async () => {
    const url = early.url();
    const tabId = await tabIdOf(url);
    expect((await state()).tabs[tabId]).toBeUndefined();
    const popup = await b.context.newPage();
    await popup.goto(b.url(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-testid=unseen][data-why=reload]', { timeout: 10_000 });
    expect(await popup.locator('[data-testid=start]').count()).toBe(0);
    // The remedy it names works: reload, rejoin, and the camera is seen.
    await early.reload();
    await act(early.mainFrame(), '#join', 'joined');
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    await popup.reload();
    await popup.waitForSelector('[data-testid=start-here][data-camera=on]', { timeout: 10_000 });
    expect(await popup.locator('[data-testid=unseen]').count()).toBe(0);
    await popup.close();
    await early.close();
    await expect.poll(async () => (await state()).tabs[tabId]).toBeUndefined();
  });

  it('a call framed from another origin that is not a call site: "noCamera", and nothing can capture it', async () => {
    const other = server.origin.replace('//127.0.0.1:', '//localhost:');
    const { page, url } = await openCall(`${CALL_PATHS.crossOrigin}?frame=${encodeURIComponent(`${other}/call`)}`);
    const frame = await callFrameIn(page, 'call');
    expect(new URL(frame.url()).origin).toBe(other);
    const tabId = await tabIdOf(url);
    await act(frame, '#join', 'joined');
    // The call's camera is really on, in the frame Selfview has no access to.
    expect(await frame.evaluate(() => (document.querySelector('video#local') as HTMLVideoElement).srcObject !== null)).toBe(true);
    // The top page (a call site) reports itself: Selfview runs there, and sees no camera.
    await expect.poll(async () => (await state()).tabs[tabId] !== undefined, { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(1500);
    expect((await state()).tabs[tabId]?.cameraOn).toBe(false);
    expect(Object.keys((await state()).tabs[tabId]?.frames ?? {})).toEqual(['0']);
    expect(await page.locator('selfview-prompt').count()).toBe(0);
    expect(await frame.locator('selfview-prompt').count()).toBe(0);
    const popup = await b.context.newPage();
    await popup.goto(b.url(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-testid=unseen][data-why=noCamera]', { timeout: 10_000 });
    expect(await popup.getAttribute('[data-testid=start-here]', 'data-camera')).toBe('unseen');
    // Starting anyway gives a session that captures nothing: there is no camera Selfview can follow.
    const before = await sessionIds();
    await popup.click('[data-testid=start]');
    const sessionId = (await (await popup.waitForSelector('[data-testid=session][data-status=running]')).getAttribute('data-session-id'))!;
    expect((await sessionIds()).filter((id) => !before.includes(id))).toEqual([sessionId]);
    await page.waitForTimeout(3000);
    expect(await capturingIn(b, tabId)).toBeFalsy();
    expect((await state()).tabs[tabId]?.capturingAt).toBeUndefined();
    expect((await dbRows(db)).samples[sessionId]).toBeUndefined();
    expect(await offscreenCount(b)).toBe(0);
    await popup.click('[data-testid=stop]');
    await expect.poll(() => endReasonOf(sessionId), { timeout: 5_000 }).toBe('stopped');
    expect((await state()).active).toBeNull();
    await popup.close();
    await page.close();
  });
});

interface Route {
  path: string;
  /** Name of the frame that runs the call (and holds the camera); the top page when absent. */
  frame?: string;
  /** Leave the call and wait out the grace period ('left'); otherwise close the tab ('tabClosed'). */
  leave?: boolean;
}

const ROUTES: Route[] = [
  { path: CALL_PATHS.framed, frame: 'call', leave: true },
  { path: `${CALL_PATHS.framed}?nested=1`, frame: 'call' },
  { path: CALL_PATHS.blankCamera },
  { path: CALL_PATHS.pristine },
  { path: `${CALL_PATHS.clone}?via=addTrack`, leave: true },
  { path: `${CALL_PATHS.clone}?via=addTransceiver` },
  { path: `${CALL_PATHS.clone}?via=stream` },
  { path: `${CALL_PATHS.clone}?via=processor` },
];

describe('Capture follows the camera wherever the call app puts it', () => {
  for (const route of ROUTES) {
    const end = route.leave ? 'leave → session ends (left) after the grace period' : 'close the tab → session ends (tabClosed)';
    it(`${route.path}: seen, hint in the top page, Start captures and stores, camera off releases within 1 s, on resumes; ${end}`, async () => {
      const before = await sessionIds();
      const { page, url } = await openCall(route.path);
      const log: string[] = [];
      page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
      const frame = await callFrameIn(page, route.frame);
      const tabId = await tabIdOf(url);
      const capturing = () => capturingIn(b, tabId);
      const heard = await recordFrameMessages(tabId);
      let step = 'join';
      let hintIn = '';
      const notices = new Set<string>();
      /** The camera Selfview captures, noting the page's prompts meanwhile (a notice such as "Selfview could not start: …" is gone in 8 s). */
      const capturingNoting = async () => {
        for (const p of await promptsIn(page)) notices.add(p.text);
        return capturing();
      };
      try {
        // Join: the background sees the tab's camera on.
        const joinAt = Date.now();
        await frame.click('#join');
        await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000, interval: 50 }).toBe(true);
        const seenMs = Date.now() - joinAt;
        await expect.poll(() => statusOf(frame), { timeout: 15_000 }).toBe('joined');
        expect((await state()).active).toBeNull();
        expect(await capturing()).toBeFalsy();

        // The hint appears once, in the top page (Selfview runs there too): never in a frame the user may not see.
        step = 'hint';
        await expect.poll(async () => (await promptsIn(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
        const prompts = await promptsIn(page);
        const withPrompt: string[] = [];
        for (const f of page.frames()) {
          if (!(await f.locator('selfview-prompt').count())) continue;
          const [w, h] = await f.evaluate(() => [innerWidth, innerHeight]);
          withPrompt.push(`${f === frame ? (route.frame ? `frame "${route.frame}"` : 'top page') : f.url()} (${w}×${h} px)`);
        }
        hintIn = withPrompt.join(', ');
        // Soft: where the hint shows is checked, and the rest of the cycle still runs when it is wrong.
        expect(prompts, `the hint, once, in the top page (shown in: ${hintIn})`).toEqual([{ frame: page.mainFrame().url(), text: expect.stringMatching(/^Selfview can give you private feedback.*Not now$/) }]);

        // Start from the popup: Selfview's own camera opens and seconds are stored, in exactly one session.
        step = 'start';
        const { popup, sessionId } = await startFromPopup(b, tabId);
        await expect.poll(capturingNoting, { timeout: 30_000 }).toBeTruthy();
        await expect.poll(async () => (await promptsIn(page)).length).toBe(0);
        await expect.poll(async () => (await dbRows(db)).samples[sessionId]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
        const s = await state();
        expect([s.active?.id, s.active?.tabId, s.active?.status]).toEqual([sessionId, tabId, 'running']);
        expect((await dbRows(db)).sessions.filter((x) => x.id === sessionId)).toHaveLength(1);
        expect((await sessionIds()).filter((id) => !before.includes(id))).toEqual([sessionId]);

        // Camera off: Selfview's camera is released within 1 s, on the page's clock.
        step = 'camera off';
        await frame.click('#camoff');
        await expect.poll(capturing, { timeout: 5_000, interval: 50 }).toBeNull();
        const offAt = await frame.evaluate(() => (window as unknown as { camOffAt: number }).camOffAt);
        const releaseMs = (await state()).tabs[tabId]!.capturingAt! - offAt;
        expect(await statusOf(frame)).toBe('camera off');
        expect((await state()).active?.status).toBe('running');

        // Camera on: capturing again, in the same session.
        step = 'camera on';
        await act(frame, '#camon', 'camera on');
        await expect.poll(capturingNoting, { timeout: 15_000 }).toBeTruthy();
        expect((await state()).active?.id).toBe(sessionId);
        const storedAfterOn = (await dbRows(db)).samples[sessionId]?.length ?? 0;

        step = route.leave ? 'leave' : 'close';
        let endMs: number;
        if (route.leave) {
          const leftAt = Date.now();
          await act(frame, '#leave', 'left');
          await expect.poll(capturing, { timeout: 5_000 }).toBeNull();
          await expect.poll(() => endReasonOf(sessionId), { timeout: 20_000, interval: 200 }).toBe('left');
          endMs = Date.now() - leftAt;
          expect(endMs).toBeGreaterThanOrEqual(9_000); // the grace period: a short gap in the call is no leaving
          expect((await state()).active).toBeNull();
          await page.close();
        } else {
          const closedAt = Date.now();
          await page.close();
          await expect.poll(() => endReasonOf(sessionId), { timeout: 10_000, interval: 100 }).toBe('tabClosed');
          endMs = Date.now() - closedAt;
          expect((await state()).active).toBeNull();
        }
        await expect.poll(async () => (await state()).tabs[tabId]).toBeUndefined();
        const stored = (await dbRows(db)).samples[sessionId]?.length ?? 0;
        expect(stored).toBeGreaterThanOrEqual(Math.max(2, storedAfterOn));
        expect((await sessionIds()).filter((id) => !before.includes(id))).toEqual([sessionId]);
        await popup.close();

        const line = `${route.path.padEnd(24)} seen on ${String(seenMs).padStart(4)} ms after join | hint in ${hintIn} | released ${String(releaseMs).padStart(3)} ms after camera off | ${String(stored).padStart(2)} s stored | ended ${route.leave ? 'left' : 'tabClosed'} ${endMs} ms after ${route.leave ? 'leave' : 'close'}`;
        summaries.push(line);
        console.log(`[call-frames] ${line}`);
        expect(releaseMs).toBeLessThan(1000);
      } catch (e) {
        // Say what the extension and the page saw at the failing step.
        // Which of the page's tracks has the device id the background follows: the camera, the track sent, or a received one.
        const tracks = () => {
          type W = { clone?: MediaStreamTrack; track?: MediaStreamTrack; pc2?: RTCPeerConnection };
          const w = window as unknown as W;
          const id = (t?: MediaStreamTrack | null) => t?.getSettings().deviceId ?? null;
          return { camera: id(w.clone ?? w.track), sent: id(w.track), received: w.pc2?.getReceivers().map((r) => id(r.track)) ?? [] };
        };
        const diag = page.isClosed() ? 'page closed' : JSON.stringify({
          tab: (await state()).tabs[tabId], active: (await state()).active, notices: [...notices], prompts: await promptsIn(page),
          status: await statusOf(frame).catch(() => '?'), pageTracks: await frame.evaluate(tracks).catch(() => '?'),
        });
        summaries.push(`${route.path.padEnd(24)} FAILED at ${step}`);
        throw new Error(`${route.path} failed at "${step}": ${(e as Error).message}\n--- state: ${diag}\n--- page console:\n${log.slice(-15).join('\n')}\n--- what the background heard from the tab's frames (ms after the page opened):\n${(await heard()).join('\n')}`, { cause: e });
      }
    });
  }

  it('/framed: removing the call’s iframe from the page ends the session at once (left) and closes Selfview’s camera', async () => {
    const { page, url } = await openCall(CALL_PATHS.framed);
    const frame = await callFrameIn(page, 'call');
    const tabId = await tabIdOf(url);
    await act(frame, '#join', 'joined');
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    const { popup, sessionId } = await startFromPopup(b, tabId);
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    await expect.poll(async () => (await dbRows(db)).samples[sessionId]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

    // For the failure message: what the background hears from the tab's frames (a removed frame says goodbye).
    const heard = await recordFrameMessages(tabId);
    const removedAt = Date.now();
    await page.evaluate(() => document.getElementById('callframe')!.remove());
    try {
      await expect.poll(() => endReasonOf(sessionId), { timeout: 5_000, interval: 50 }).toBe('left');
    } catch (e) {
      const lines = await heard();
      throw new Error(`no end ${Date.now() - removedAt} ms after the call's iframe was removed; messages the background received from the tab since: ${lines.length ? lines.join(' | ') : 'none'}; the tab as the background sees it: ${JSON.stringify((await state()).tabs[tabId])}; active: ${JSON.stringify((await state()).active)}`, { cause: e });
    }
    const endMs = Date.now() - removedAt;
    console.log(`[call-frames] /framed iframe removed → session ended (left) after ${endMs} ms`);
    expect(endMs).toBeLessThan(3000);
    const s = await state();
    expect(s.active).toBeNull();
    expect(s.tabs[tabId]?.cameraOn).toBe(false);
    expect(Object.keys(s.tabs[tabId]?.frames ?? {})).toEqual(['0']);
    // Selfview's camera went with the frame's document: once the last batch is written, no more seconds arrive.
    await page.waitForTimeout(3000);
    const stored = (await dbRows(db)).samples[sessionId]?.length ?? 0;
    await page.waitForTimeout(2500);
    expect((await dbRows(db)).samples[sessionId]?.length ?? 0).toBe(stored);
    expect(await promptsIn(page)).toEqual([]);
    await popup.close();
    await page.close();
  });
});
