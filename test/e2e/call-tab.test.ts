// Selfview in a call tab: a local test call page added as a user site. Nothing is captured before
// opt-in; "Not now" leaves no trace; after Start the session gets a second of cues each second; the
// call's camera off releases Selfview's camera within 1 s and on resumes it; a second call tab is
// told why it is not analysed; a stopped service worker loses nothing; leaving or closing the call
// ends the session and keeps it; removing the site unregisters everything.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { closedShadowData, closedShadowParts } from '../support/closed-shadow';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import {
  addSiteViaOptions, agree, capturingIn, declineHint, registeredCallScripts, currentWorker, offscreenCount, startFromPopup, stopServiceWorker, tabIdFor,
} from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
let call: Page;
let popup: Page;
let tabId: number;
const capturing = () => capturingIn(b, tabId);
const state = async () => callStateOf(await currentWorker(b));
const badge = async () => (await currentWorker(b)).evaluate(() => chrome.action.getBadgeText({}));

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8) });
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function joinCall(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.click('#join');
  await page.waitForSelector('text=joined');
}

describe('a call on a site the user added', () => {
  it('opens the onboarding page on install', async () => {
    await expect.poll(() => b.context.pages().some((p) => p.url().endsWith('/onboarding.html'))).toBe(true);
  });

  it('adds the site from the options page; its scripts wait for the agreement', async () => {
    expect(await addSiteViaOptions(b, server.origin)).toContain('Added http://127.0.0.1');
    expect(await registeredCallScripts(b)).toEqual([]);
  });

  it('captures nothing before the user opts in, and leaves no trace in the page', async () => {
    call = await b.context.newPage();
    await joinCall(call);
    tabId = await tabIdFor(b, server.url);
    await call.waitForTimeout(1500);
    // Before the agreement no script of Selfview runs in the page: the background does not even know the call.
    expect((await state()).tabs[tabId]).toBeUndefined();
    expect((await state()).active).toBeNull();
    expect(await offscreenCount(b)).toBe(0);
    expect(await call.locator('selfview-prompt').count()).toBe(0);
    expect(await call.evaluate(() => Function.prototype.toString.call(MediaDevices.prototype.getUserMedia))).toBe('function getUserMedia() { [native code] }');
    // The popup says why it cannot help here yet.
    const p = await b.context.newPage();
    await p.goto(b.url(`popup.html?tab=${tabId}`));
    await p.waitForSelector('text=needs your agreement');
    await p.close();
  });

  it('after opt-in shows a hint in the call; "Not now" leaves no trace', async () => {
    await agree(b);
    // Every frame of the site, including about:blank frames it makes, from document_start; the hook in the page's world.
    const scripts = await (await currentWorker(b)).evaluate(async () => chrome.scripting.getRegisteredContentScripts());
    const ours = scripts.filter((s) => s.id.startsWith('user-'));
    expect(ours.map((s) => [s.js, s.world ?? 'ISOLATED', s.matches, s.runAt, s.allFrames, s.matchOriginAsFallback, s.persistAcrossSessions]).sort()).toEqual([
      [['content-scripts/call-hook.js'], 'MAIN', ['http://127.0.0.1/*'], 'document_start', true, true, true],
      [['content-scripts/call.js'], 'ISOLATED', ['http://127.0.0.1/*'], 'document_start', true, true, true],
    ]);
    await call.reload();
    await call.click('#join');
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    await declineHint(call);
    await call.waitForTimeout(1000);
    expect((await state()).active).toBeNull();
    expect(await capturing()).toBeFalsy();
    expect(await call.locator('selfview-prompt').count()).toBe(0);
    popup = await b.context.newPage();
    await popup.goto(b.url(`popup.html?tab=${tabId}`));
    expect((await dbRows(popup)).sessions).toEqual([]);
  });

  it('"Start" in the popup analyses each second, live in the popup and stored', async () => {
    await call.reload();
    await call.click('#join');
    await call.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 15_000 });
    await popup.reload();
    await popup.click('[data-testid=start]');
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
    await expect.poll(() => call.locator('selfview-prompt').count()).toBe(0);
    expect(await badge()).toBe('ON');
    await popup.reload();
    const sessionId = (await popup.getAttribute('[data-testid=session][data-status=running]', 'data-session-id'))!;
    await popup.waitForSelector('[data-testid=live-second]', { timeout: 30_000 });
    // Live charts of the last minutes: one point per analysed second.
    await expect.poll(async () => Number(await popup.getAttribute('[data-testid=chart-gaze]', 'data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    for (const chart of ['smile', 'brow', 'head', 'expr', 'blinks']) expect(await popup.locator(`[data-testid=chart-${chart}] canvas`).count()).toBe(1);
    await expect.poll(async () => (await dbRows(popup)).samples[sessionId]?.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const ts = (await dbRows(popup)).samples[sessionId]!;
    expect(ts).toEqual([...ts].sort((x, y) => x - y));
  });

  it("pauses within 1 s when the call's camera goes off, and resumes when it comes back", async () => {
    await call.click('#camoff');
    await expect.poll(capturing, { timeout: 5_000, interval: 50 }).toBeNull();
    // From the page turning its camera off to Selfview's own tracks stopped, on the page's clock.
    const offAt = await call.evaluate(() => (window as unknown as { camOffAt: number }).camOffAt);
    const releasedMs = (await state()).tabs[tabId]!.capturingAt! - offAt;
    console.log(`call camera off → Selfview's camera released after ${releasedMs} ms`);
    expect(releasedMs).toBeLessThan(1000);
    expect((await state()).active?.status).toBe('running');
    expect(await badge()).toBe('II');
    await call.click('#camon');
    await expect.poll(capturing, { timeout: 10_000 }).toBeTruthy();
    expect(await badge()).toBe('ON');
  });

  it('shows the optional private badge when turned on, and hides it on ×', async () => {
    expect(await call.locator('selfview-overlay').count()).toBe(0); // off by default
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    await options.check('[data-testid=overlay-toggle]');
    await options.close();
    const badgeEl = call.locator('selfview-overlay');
    await badgeEl.waitFor({ state: 'visible', timeout: 10_000 });
    // The tracking quality is inside the badge's closed shadow root, out of the page's reach.
    await expect.poll(async () => Number((await closedShadowData(call, 'selfview-overlay')).quality ?? 0), { timeout: 10_000 }).toBeGreaterThan(50);
    const box = (await badgeEl.boundingBox())!;
    await call.mouse.click(box.x + box.width - 12, box.y + box.height / 2);
    await badgeEl.waitFor({ state: 'detached', timeout: 5_000 });
    await call.waitForTimeout(2500);
    expect(await badgeEl.count()).toBe(0);
  });

  it('gives page scripts no way to read cues or send anything to Selfview', async () => {
    const probe = await call.evaluate(() => {
      const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome;
      const prompt = document.querySelector('selfview-prompt');
      return { sendMessage: typeof c?.runtime?.sendMessage, connect: typeof c?.runtime?.connect, promptShadow: prompt ? prompt.shadowRoot : 'none' };
    });
    // No externally_connectable: the page has no channel into the extension at all.
    expect(probe).toEqual({ sendMessage: 'undefined', connect: 'undefined', promptShadow: 'none' });
    // A forged hook message from the page reaches nothing: the hook talks to Selfview on a private channel.
    const before = (await state()).tabs[tabId]?.deviceId;
    await call.evaluate(() => window.postMessage({ source: 'selfview-call-hook', cameraOn: true, deviceId: 'x'.repeat(10_000), inCall: true, cues: { smile: 1 } }, '*'));
    await call.waitForTimeout(300);
    expect((await state()).tabs[tabId]?.deviceId).toBe(before);
  });

  it('tells the user in the popup, never in the page, that another tab is being analysed', async () => {
    const second = await b.context.newPage();
    await joinCall(second);
    const secondId = (await b.worker.evaluate(async (u) => (await chrome.tabs.query({ url: `${u}*` })).map((t) => t.id!), server.url)).find((id) => id !== tabId)!;
    await expect.poll(async () => (await state()).tabs[secondId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    expect((await state()).active?.tabId).toBe(tabId);
    expect(await capturingIn(b, secondId)).toBeFalsy();
    const p2 = await b.context.newPage();
    await p2.goto(b.url(`popup.html?tab=${secondId}`));
    await expect.poll(() => p2.textContent('[data-testid=session]')).toContain('in another tab');
    // The second page gets exactly what it would get if nothing ran elsewhere: the hint, no notice about the other tab.
    await second.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 10_000 });
    expect((await closedShadowParts(second, 'selfview-prompt')).join(' ')).toMatch(/^Selfview can give you private feedback[^]*Not now$/);
    await p2.close();
    await second.close();
    // Closing the other tab does not touch the analysed call.
    await expect.poll(async () => (await state()).tabs[secondId]).toBeUndefined();
    expect((await state()).active?.tabId).toBe(tabId);
  });

  it('loses nothing but the current second when the service worker is stopped', async () => {
    const sessionId = (await state()).active!.id;
    const before = (await dbRows(popup)).samples[sessionId]!.length;
    await stopServiceWorker(b, popup);
    await popup.waitForTimeout(3000);
    // Seconds kept arriving while the worker was down: it is not on the frame path.
    expect((await dbRows(popup)).samples[sessionId]!.length).toBeGreaterThan(before);
    // The worker comes back with its state (a message wakes it).
    await popup.reload();
    await popup.waitForSelector('[data-testid=session][data-status=running]');
    expect(await popup.getAttribute('[data-testid=session]', 'data-session-id')).toBe(sessionId);
  });

  it('ends the session when the user leaves the call, and keeps it', async () => {
    const sessionId = (await state()).active!.id;
    await call.click('#leave');
    // The call counts as left once its connections stay closed for the grace period (10 s).
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 20_000 }).toBe('left');
    expect((await dbRows(popup)).samples[sessionId]!.length).toBeGreaterThanOrEqual(5);
    expect((await state()).active).toBeNull();
    expect(await badge()).toBe('');
  });

  it('shows the after-call report for the ended session', async () => {
    const ended = (await dbRows(popup)).sessions.find((s) => s.endReason === 'left')!;
    await popup.reload();
    const link = await popup.getAttribute('[data-testid=last-report-link]', 'href');
    expect(link).toContain(`report.html?session=${ended.id}`);
    const report = await b.context.newPage();
    await report.goto(link!);
    await report.waitForSelector(`[data-testid=report][data-session-id="${ended.id}"]`);
    expect(await report.textContent('[data-testid=judged]')).toMatch(/could see your face clearly for \d+:\d\d/);
    const looking = await report.textContent('[data-share=lookingAtCamera] td');
    expect(looking).toMatch(/^\d+%$/);
    await report.waitForSelector('[data-testid=timeline] canvas');
    expect(await report.textContent('main')).not.toMatch(/\b(happy|sad|angry|emotion|mood)\b/i);
    await report.close();
  });

  it('ends the session when the call tab is closed', async () => {
    await joinCall(call);
    const { sessionId } = await startFromPopup(b, tabId);
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
    await call.close();
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 10_000 }).toBe('tabClosed');
  });

  it('lists the stored calls in Settings and deletes one, then all, really gone from IndexedDB', async () => {
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    const rows = options.locator('[data-testid=calls] tr');
    await expect.poll(() => rows.count()).toBe((await dbRows(popup)).sessions.length);
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(2);
    await rows.first().locator('[data-testid=delete-call]').click();
    await expect.poll(() => rows.count()).toBe(before - 1);
    expect((await dbRows(popup)).sessions).toHaveLength(before - 1);
    await options.click('[data-testid=delete-all]');
    await options.click('[data-testid=delete-all-confirm]');
    await options.waitForSelector('[data-testid=no-calls]');
    const left = await dbRows(popup);
    expect([left.sessions.length, Object.keys(left.samples).length]).toEqual([0, 0]);
    await options.close();
  });

  it('removing the site unregisters its scripts and gives the permission back', async () => {
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    await options.click('[data-site="http://127.0.0.1"] [data-testid=remove-site]');
    await expect.poll(() => options.textContent('[data-testid=sites-message]')).toContain('Removed');
    const worker = await currentWorker(b);
    expect((await registeredCallScripts(b)).filter((id) => id.startsWith('user-'))).toEqual([]);
    expect((await worker.evaluate(() => chrome.permissions.getAll())).origins).not.toContain('http://127.0.0.1/*');
  });
});
