// Faults a call being analysed survives, on the local call test page with a fake-camera face. Each
// test says in its name what is lost at most: the engine's document closed (the seconds until a new
// engine answers), storage full (the seconds that failed twice; the popup says so), the camera's
// permission revoked (nothing stored after, Selfview's camera released, the reason shown), the call
// tab reloaded (nothing: the session ends as navigatedAway and keeps its seconds), the browser killed
// with SIGKILL (at most 2 s; the session is ended as interrupted on the next start).
// Covered elsewhere, not repeated: service worker stopped, call tab closed, a second call tab
// (call-tab.test.ts); camera switched (janus-selfview.test.ts); model missing or corrupt
// (engine-failures.test.ts, build-model.test.ts).
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { analysedCall, killBrowser, launchOnProfile, newProfile, removeProfile } from '../support/faults-browser';
import { browserCdp, evalInOffscreen, offscreenTarget, promptText } from '../support/faults-cdp';
import { capturingIn, currentWorker, startFromPopup } from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
let profile: string;
let camera: string;
let call: Page;
let popup: Page;
let tabId: number;
let sessionId: string;
let startedAt: number;

const state = async () => callStateOf(await currentWorker(b));
const stored = async (): Promise<number[]> => (await dbRows(popup)).samples[sessionId] ?? [];
const endReasonOf = async (id: string) => (await dbRows(popup)).sessions.find((s) => s.id === id)?.endReason ?? null;
/** The second of the session that `at` (ms epoch) falls in. */
const secondAt = (at: number): number => Math.floor((at - startedAt) / 1000);
/** Seconds missing between the first and the last stored one. */
const gaps = (ts: number[]): number[] => {
  const have = new Set(ts);
  const out: number[] = [];
  for (let t = ts[0] ?? 0; t <= (ts.at(-1) ?? -1); t++) if (!have.has(t)) out.push(t);
  return out;
};
const storedAfter = async (at: number): Promise<number> => (await stored()).filter((t) => startedAt + t * 1000 > at).length;

// Makes every IndexedDB write in the offscreen document fail the way a full disk does, and back.
const FILL_DISK = `(() => { window.__put ??= IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; return true; })()`;
const FREE_DISK = '(IDBObjectStore.prototype.put = window.__put, true)';

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  profile = newProfile();
  camera = y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8);
  b = await launchOnProfile({ camera, profile });
  ({ page: call, tabId, popup, sessionId } = await analysedCall(b, server));
  startedAt = (await state()).active!.startedAt;
  await vi.waitFor(async () => expect((await stored()).length).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 500 });
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
  if (profile) removeProfile(profile);
});

describe('faults during a call', () => {
  it('engine document closed: analysis resumes by itself; lost at most the unsaved 2 s before and the seconds until a new engine answers', async () => {
    const cdp = await browserCdp(b);
    const before = await stored();
    const closedAt = Date.now();
    await cdp.send('Target.closeTarget', { targetId: (await offscreenTarget(cdp, b))! });
    // The content script's engine client opens a new engine document and binds the same session again.
    await expect.poll(() => storedAfter(closedAt), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    expect(await offscreenTarget(cdp, b)).not.toBeNull();
    const after = await stored();
    expect(after).toEqual(expect.arrayContaining(before));
    const resumedT = after.find((t) => startedAt + t * 1000 > closedAt)!;
    const lost = gaps(after);
    console.log(`[faults] engine document closed at second ${secondAt(closedAt)}; analysis resumed at second ${resumedT}; seconds lost: ${lost.length} (${lost.join(' ')})`);
    // The closed document's unsaved seconds (its writer keeps up to 2 s) and the seconds without an engine.
    expect(lost.every((t) => t >= secondAt(closedAt) - 3 && t < resumedT)).toBe(true);
    expect((await state()).active).toMatchObject({ id: sessionId, status: 'running' });
    expect(await capturingIn(b, tabId)).toBeTruthy();
    await cdp.detach();
  });

  it('storage full: the popup says so, the session goes on, already stored seconds stay; lost at most the seconds that failed twice', async () => {
    const cdp = await browserCdp(b);
    const before = await stored();
    const failedAt = Date.now();
    await evalInOffscreen(cdp, b, FILL_DISK);
    await expect.poll(() => popup.textContent('[data-testid=storage-problem]').catch(() => ''), { timeout: 15_000 }).toMatch(/Storage is full/);
    const whileFull = await stored();
    await popup.waitForTimeout(2500);
    expect(await stored()).toEqual(whileFull); // really nothing written
    await evalInOffscreen(cdp, b, FREE_DISK);
    const freedAt = Date.now();
    await expect.poll(() => storedAfter(freedAt), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const after = await stored();
    expect(after).toEqual(expect.arrayContaining(before));
    const lost = gaps(after).filter((t) => t >= secondAt(failedAt) - 3);
    console.log(`[faults] storage full from second ${secondAt(failedAt)} to ${secondAt(freedAt)}; seconds lost: ${lost.length} (${lost.join(' ')}); popup: "${await popup.textContent('[data-testid=storage-problem]')}"`);
    // A second is written within 2 s and retried once 2 s later: only seconds of the full window can be lost.
    expect(lost.every((t) => t >= secondAt(failedAt) - 2 && t <= secondAt(freedAt))).toBe(true);
    expect(await capturingIn(b, tabId)).toBeTruthy();
    await popup.click('[data-testid=storage-problem-dismiss]');
    await cdp.detach();
  });

  it("camera permission revoked: Selfview's camera released, the reason shown, nothing stored after; given back, it resumes", async () => {
    const cdp = await b.context.newCDPSession(call);
    const revokedAt = Date.now();
    await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin: server.origin });
    // Chromium ends every capture of the origin, the call's and Selfview's own (as when a camera is unplugged).
    await expect.poll(() => capturingIn(b, tabId), { timeout: 5_000, interval: 50 }).toBeNull();
    expect(await call.evaluate(() => (document.getElementById('local') as HTMLVideoElement).srcObject instanceof MediaStream
      && ((document.getElementById('local') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks().every((t) => t.readyState === 'ended'))).toBe(true);
    await expect.poll(() => promptText(call), { timeout: 5_000 }).toMatch(/camera/i);
    const why = await promptText(call);
    await expect.poll(() => popup.textContent('[data-testid=session]'), { timeout: 5_000 }).toContain('Camera off in the call');
    expect(await (await currentWorker(b)).evaluate(() => chrome.action.getBadgeText({}))).toBe('II');
    // The last second in flight is written within the writer's 2 s; after that nothing more.
    await popup.waitForTimeout(3000);
    const settled = await stored();
    await popup.waitForTimeout(4000);
    expect(await stored()).toEqual(settled);
    expect(settled.at(-1)!).toBeLessThanOrEqual(secondAt(revokedAt) + 1);
    console.log(`[faults] camera revoked at second ${secondAt(revokedAt)}; last stored second ${settled.at(-1)}; the call page shows: "${why}"`);

    await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'granted', origin: server.origin });
    await call.click('#camon');
    await expect.poll(() => capturingIn(b, tabId), { timeout: 30_000 }).toBeTruthy();
    const backAt = Date.now();
    await expect.poll(() => storedAfter(backAt), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await cdp.detach();
  });

  it('call tab reloaded: the session ends as navigatedAway and keeps every stored second (nothing lost)', async () => {
    const before = await stored();
    await call.reload();
    await expect.poll(() => endReasonOf(sessionId), { timeout: 10_000 }).toBe('navigatedAway');
    expect(await stored()).toEqual(expect.arrayContaining(before));
    expect((await state()).active).toBeNull();
    expect(await capturingIn(b, tabId)).toBeFalsy();
  });

  it('browser killed (SIGKILL): at most 2 s of seconds lost; the session is ended as interrupted on the next start', async () => {
    await call.click('#join');
    await call.waitForSelector('text=joined');
    await expect.poll(async () => (await state()).tabs[tabId]?.cameraOn, { timeout: 10_000 }).toBe(true);
    await popup.close();
    ({ popup, sessionId } = await startFromPopup(b, tabId));
    startedAt = (await state()).active!.startedAt;
    await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await popup.waitForSelector('[data-testid=live-second]');
    // The last second the user saw analysed (the popup's live chart), read the moment it moved on.
    const seen = await popup.evaluate(() => new Promise<number>((done) => {
      const t0 = document.querySelector('[data-testid=live-second]')?.getAttribute('data-t');
      const mo = new MutationObserver(() => {
        const t = document.querySelector('[data-testid=live-second]')?.getAttribute('data-t');
        if (t != null && t !== t0) {
          mo.disconnect();
          done(Number(t));
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    }));
    await killBrowser(profile);

    b = await launchOnProfile({ camera, profile });
    popup = await b.context.newPage();
    await popup.goto(b.url('popup.html'));
    await expect.poll(() => endReasonOf(sessionId), { timeout: 15_000 }).toBe('interrupted');
    const ts = await stored();
    const session = (await dbRows(popup)).sessions.find((s) => s.id === sessionId)!;
    const lost = seen - ts.at(-1)!;
    console.log(`[faults] browser killed: last second seen analysed ${seen}, last stored ${ts.at(-1)}: ${lost} s lost; ${gaps(ts).length} gaps; ended as ${session.endReason} at +${((session.endedAt! - startedAt) / 1000).toFixed(0)} s`);
    expect(lost).toBeLessThanOrEqual(2);
    expect(gaps(ts)).toEqual([]);
    expect(session.endedAt).toBe(startedAt + (ts.at(-1)! + 1) * 1000);
    expect(session.seconds).toBe(ts.length);
  });
});
