// Selfview in a real video call: Debian's Janus videoroom and device test on loopback, joined in
// headless Chromium with a fake camera. Nothing is captured before opt-in; after Start the session
// gets a second of cues each second; unpublishing (camera off) releases Selfview's camera within
// 1 s and publishing again resumes; switching cameras mid-call follows the new camera; a stopped
// service worker loses nothing; leaving ends and keeps the session. Reports the analysed frame
// rate and the browser's CPU with Selfview analysing vs paused. The same with the videoroom inside
// an iframe (the call, its camera and its connection all in the frame).
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { MIN_FPS } from '../../lib/capture/governor';
import { cpuOver } from '../support/cpu';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { janusUnavailable, startJanus, type RunningJanus } from '../support/janus';
import { CALL_FLAGS, join, waitForParticipants, waitForPlayingVideo } from '../support/janus-demo';
import { framedVideoroomUrl, joinInFrame, type FramedCall } from '../support/janus-iframe';
import { addSiteViaOptions, agree, capturingIn, currentWorker, offscreenCount, startFromPopup, stopServiceWorker, tabIdFor } from '../support/selfview-flow';

const skipReason = janusUnavailable();

/** Records, in the page's own world, when the page stops a camera track (Janus tears down on unpublish). */
const RECORD_STOPS = () => {
  const stop = MediaStreamTrack.prototype.stop;
  MediaStreamTrack.prototype.stop = function (this: MediaStreamTrack) {
    if (this.kind === 'video') (window as unknown as { lastVideoStopAt: number }).lastVideoStopAt = Date.now();
    stop.call(this);
  };
};

describe.skipIf(skipReason !== null)(`Selfview in a Janus videoroom call${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let janus: RunningJanus;
  let b: ExtensionBrowser;
  let room: Page;
  let popup: Page;
  let tabId: number;
  let sessionId: string;
  const state = async () => callStateOf(await currentWorker(b));

  beforeAll(async () => {
    requireBuilt({ faces: true });
    janus = await startJanus();
    b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: CALL_FLAGS });
    await b.context.addInitScript(RECORD_STOPS);
    expect(await addSiteViaOptions(b, janus.demosUrl)).toContain('Added');
  });
  afterAll(async () => {
    await b?.close();
    await janus?.stop();
  });

  it('joins the room; nothing is captured before opt-in', async () => {
    room = await join(b.context, janus, 'alice');
    await waitForPlayingVideo(room, '#videolocal video');
    tabId = await tabIdFor(b, janus.demosUrl);
    await room.waitForTimeout(1500);
    // Before the agreement no script of Selfview runs in the page: the background does not even know the call.
    expect((await state()).tabs[tabId]).toBeUndefined();
    expect((await state()).active).toBeNull();
    expect(await capturingIn(b, tabId)).toBeFalsy();
    expect(await offscreenCount(b)).toBe(0);
  });

  it('after opt-in and Start, stores a second of cues each second', async () => {
    await agree(b);
    // A page opened before the agreement has no Selfview scripts: leave (so no ghost of alice stays
    // published in the room until Janus's session timeout) and join again in a new page.
    await room.click('#start'); // "Stop" in the demo: hangs up and destroys the Janus session
    expect(await waitForParticipants(janus, (ps) => ps.length === 0)).toEqual([]);
    await room.close();
    room = await join(b.context, janus, 'alice');
    await waitForPlayingVideo(room, '#videolocal video');
    tabId = await tabIdFor(b, janus.demosUrl);
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    expect(await capturingIn(b, tabId)).toBeFalsy();
    ({ popup, sessionId } = await startFromPopup(b, tabId));
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    await expect.poll(async () => (await dbRows(popup)).samples[sessionId]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    const rows = await dbRows(popup);
    const frames = rows.frames[sessionId]!.slice(1, -1); // whole seconds only
    const fps = frames.reduce((a, x) => a + x, 0) / frames.length;
    console.log(`[janus-selfview] frames analysed per second in the call: ${fps.toFixed(1)} (per second: ${frames.join(' ')})`);
    // The rate governor may lower the rate on a busy machine, never below 1 frame/s.
    expect(fps).toBeGreaterThanOrEqual(MIN_FPS);
    await popup.waitForSelector('[data-testid=live-second]');
    const rate = popup.locator('[data-testid=rate]');
    await rate.waitFor({ timeout: 5_000 });
    console.log(`[janus-selfview] popup: ${await rate.textContent()}`);
  });

  it("reports the browser's CPU with Selfview analysing vs paused (same run)", async () => {
    const window = 8000;
    const running = await cpuOver(b.profile, window);
    await popup.click('[data-testid=pause]');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 5_000 }).toBeNull();
    const paused = await cpuOver(b.profile, window);
    await popup.click('[data-testid=resume]');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    console.log(`[janus-selfview] browser CPU over ${window / 1000} s: analysing ${running.toFixed(0)} ms, paused ${paused.toFixed(0)} ms; ratio ${(running / paused).toFixed(2)} (${((running - paused) / window * 100).toFixed(1)}% of one core for Selfview)`);
    expect(running).toBeGreaterThan(0);
    expect(paused).toBeGreaterThan(0);
  });

  it('unpublishing releases Selfview’s camera within 1 s; publishing again resumes', async () => {
    await room.click('#unpublish');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 5_000, interval: 50 }).toBeNull();
    const stoppedAt = await room.evaluate(() => (window as unknown as { lastVideoStopAt: number }).lastVideoStopAt);
    const releasedMs = (await state()).tabs[tabId]!.capturingAt! - stoppedAt;
    console.log(`[janus-selfview] call camera stopped → Selfview's camera released after ${releasedMs} ms`);
    expect(releasedMs).toBeLessThan(1000);
    expect((await state()).active?.status).toBe('running');
    await room.click('#publish');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
  });

  it('loses nothing but the current second when the service worker is stopped', async () => {
    const before = (await dbRows(popup)).samples[sessionId]!.length;
    await stopServiceWorker(b, popup);
    await popup.waitForTimeout(3000);
    expect((await dbRows(popup)).samples[sessionId]!.length).toBeGreaterThan(before);
  });

  it('leaving the call ends the session and keeps it', async () => {
    await room.click('#start'); // "Stop" in the demo: hangs up and reloads the page
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 15_000 }).toMatch(/^(left|navigatedAway)$/);
    expect((await dbRows(popup)).samples[sessionId]!.length).toBeGreaterThanOrEqual(10);
    expect((await state()).active).toBeNull();
  });
});

describe.skipIf(skipReason !== null)(`Selfview follows a camera switch mid-call (Janus device test)${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let janus: RunningJanus;
  let b: ExtensionBrowser;

  beforeAll(async () => {
    requireBuilt();
    janus = await startJanus();
    // Two fake cameras (they show a test pattern, not a face: this is about which camera is used).
    b = await launchWithExtension({ extraArgs: [...CALL_FLAGS, '--use-fake-device-for-media-stream=device-count=2', '--use-fake-ui-for-media-stream'] });
    expect(await addSiteViaOptions(b, janus.demosUrl)).toContain('Added');
    await agree(b);
  });
  afterAll(async () => {
    await b?.close();
    await janus?.stop();
  });

  it('analyses the camera the call switches to', async () => {
    const page = await b.context.newPage();
    await page.goto(`${janus.demosUrl}devicetest.html`);
    await page.click('#start');
    await page.waitForFunction(() => (document.querySelector('#video-device') as HTMLSelectElement | null)?.options.length === 2, undefined, { timeout: 30_000 });
    const cams = await page.$$eval('#video-device option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    await page.selectOption('#audio-device', { index: 0 });
    await page.selectOption('#video-device', cams[0]!);
    await page.click('#change-devices');
    await waitForPlayingVideo(page, '#videoleft video');
    const tabId = await tabIdFor(b, `${janus.demosUrl}devicetest.html`);
    await expect.poll(async () => (await callStateOf(await currentWorker(b))).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    await startFromPopup(b, tabId);
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBe(cams[0]);

    await page.selectOption('#video-device', cams[1]!);
    await page.click('#change-devices');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 15_000 }).toBe(cams[1]);
    expect((await callStateOf(await currentWorker(b))).tabs[tabId]?.deviceId).toBe(cams[1]);
  });
});

describe.skipIf(skipReason !== null)(`Selfview with the Janus videoroom inside an iframe${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  let janus: RunningJanus;
  let b: ExtensionBrowser;
  let call: FramedCall;
  let popup: Page;
  let tabId: number;
  let sessionId: string;
  const state = async () => callStateOf(await currentWorker(b));
  const stored = async () => (await dbRows(popup)).samples[sessionId]?.length ?? 0;

  beforeAll(async () => {
    requireBuilt({ faces: true });
    janus = await startJanus();
    b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: CALL_FLAGS });
    await b.context.addInitScript(RECORD_STOPS); // in every frame, the call's too
    expect(await addSiteViaOptions(b, janus.demosUrl)).toContain('Added');
    await agree(b);
  });
  afterAll(async () => {
    await b?.close();
    await janus?.stop();
  });

  it('joins the room in the frame; Selfview sees the camera there and captures nothing before Start', async () => {
    call = await joinInFrame(b.context, janus, 'carol');
    await waitForPlayingVideo(call.frame, '#videolocal video');
    tabId = await tabIdFor(b, framedVideoroomUrl(janus));
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    // The hint shows once, in the top page (where the user sees it), not inside the call's frame.
    await call.page.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await call.frame.locator('selfview-prompt').count()).toBe(0);
    await call.page.waitForTimeout(1500);
    expect((await state()).active).toBeNull();
    expect(await capturingIn(b, tabId)).toBeFalsy();
    expect(await offscreenCount(b)).toBe(0);
  });

  it('after Start in the popup, stores a second of cues each second', async () => {
    ({ popup, sessionId } = await startFromPopup(b, tabId));
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    await expect.poll(() => call.page.locator('selfview-prompt').count()).toBe(0);
    await expect.poll(stored, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const before = await stored();
    await popup.waitForTimeout(5000);
    const after = await stored();
    console.log(`[janus-selfview] framed: ${after - before} seconds stored in 5 s`);
    expect(after - before).toBeGreaterThanOrEqual(3);
    // One row per second of the session, none missing (the writer stores them in batches).
    const ts = (await dbRows(popup)).samples[sessionId]!;
    console.log(`[janus-selfview] framed: seconds stored: ${ts.join(' ')}`);
    expect(ts).toEqual(ts.map((_, i) => ts[0]! + i));
    expect((await dbRows(popup)).sessions.filter((x) => x.id === sessionId)).toHaveLength(1);
  });

  it('unpublishing in the frame releases Selfview’s camera within 1 s; publishing again resumes', async () => {
    await call.frame.click('#unpublish');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 5_000, interval: 50 }).toBeNull();
    const stoppedAt = await call.frame.evaluate(() => (window as unknown as { lastVideoStopAt: number }).lastVideoStopAt);
    const releasedMs = (await state()).tabs[tabId]!.capturingAt! - stoppedAt;
    console.log(`[janus-selfview] framed: call camera stopped → Selfview's camera released after ${releasedMs} ms`);
    expect(releasedMs).toBeLessThan(1000);
    expect((await state()).active?.status).toBe('running');
    await call.frame.click('#publish');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    const before = await stored();
    await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(before);
    expect((await state()).active?.id).toBe(sessionId);
  });

  it('leaving the call in the frame ends the session and keeps it', async () => {
    await call.frame.click('#start'); // "Stop" in the demo: hangs up and reloads the frame
    const leftAt = Date.now();
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 15_000 }).toBe('left');
    console.log(`[janus-selfview] framed: left → session ended after ${Date.now() - leftAt} ms`);
    expect((await state()).active).toBeNull();
    // Selfview's camera went with the frame's document: once the last batch is written, no more seconds arrive.
    await popup.waitForTimeout(3000);
    const n = await stored();
    expect(n).toBeGreaterThanOrEqual(5);
    await popup.waitForTimeout(2500);
    expect(await stored()).toBe(n);
    const row = (await dbRows(popup)).sessions.find((s) => s.id === sessionId) as unknown as { startedAt: number; endedAt: number };
    expect(Math.max(...(await dbRows(popup)).samples[sessionId]!)).toBeLessThanOrEqual(Math.ceil((row.endedAt - row.startedAt) / 1000));
    expect((await state()).tabs[tabId]?.cameraOn).toBeFalsy();
    await call.page.close();
    await expect.poll(async () => (await state()).tabs[tabId]).toBeUndefined();
    expect((await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason).toBe('left');
  });
});
