// The Practice page end to end: a fake-camera face → offscreen engine → live cues on the page;
// the camera is released on Stop; a photo or a broken file in "analyse a recording".
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { y4mFromVideo } from '../support/fake-camera';
import { cueValue, trackStreams, waitForCues } from '../support/practice-page';
import { screenshotsAt1xAnd2x } from '../support/screenshots';
import { BASELINE_VERSION } from '../../lib/feedback/baseline';

let b: ExtensionBrowser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  requireBuilt({ faces: true });
  // 8 s of the talking clip: a frontal face that moves its mouth and brows.
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8) });
  b.context.on('request', (r) => requests.push(r.url()));
  page = await b.context.newPage();
  await trackStreams(page);
  await page.goto(b.url('practice.html'));
});
afterAll(async () => b?.close());

describe('Practice page, live camera', () => {
  it('opens nothing before the user presses Start', async () => {
    await page.waitForSelector('[data-testid=start]');
    expect(await page.evaluate(() => window.__selfviewStreams.length)).toBe(0);
    const contexts = await b.worker.evaluate(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] }));
    expect(contexts).toHaveLength(0);
  });

  it('shows live cues of the fake-camera face, the delegate and the frame rate', async () => {
    const t0 = Date.now();
    await page.click('[data-testid=start]');
    await waitForCues(page);
    const firstCueMs = Number(await page.getAttribute('[data-testid=live]', 'data-first-cue-ms'));
    console.log(`Start → first cue: ${firstCueMs} ms in the page (${Date.now() - t0} ms seen by the test)`);
    expect(firstCueMs).toBeGreaterThan(0);

    await expect.poll(() => page.textContent('[data-testid=fps]'), { timeout: 20_000 }).toMatch(/^[1-9]/);
    const delegate = await page.textContent('[data-testid=delegate]');
    console.log(`delegate: ${delegate}; ${await page.textContent('[data-testid=engine-ready]')}`);
    // Headless Chromium has only SwiftShader WebGL: the engine must fall back to CPU.
    expect(delegate).toBe('CPU');
    expect(await page.textContent('[data-testid=faces]')).toBe('1 face');
    expect(Number(await page.getAttribute('[data-testid=quality]', 'data-value'))).toBeGreaterThan(0.5);

    // The clip is a person talking: mouth opening and head pose change over a few seconds.
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      seen.add(`${await cueValue(page, 'mouthOpen')}|${await cueValue(page, 'headYaw')}`);
      await page.waitForTimeout(300);
    }
    expect(seen.size).toBeGreaterThan(3);
    const faceSize = Number(await cueValue(page, 'faceSize'));
    expect(faceSize).toBeGreaterThan(0.2);
    expect(faceSize).toBeLessThan(0.8);
    expect(Math.abs(Number(await cueValue(page, 'headYaw')))).toBeLessThan(45);
    await screenshotsAt1xAnd2x(page, 'practice-live');
  });

  it('calibrates to the relaxed face in 10 s and then shows cues relative to it', async () => {
    expect(await page.textContent('[data-testid=calibration-state]')).toMatch(/Not calibrated/);
    await page.click('[data-testid=calibrate]');
    await expect.poll(() => page.textContent('[data-testid=calibration-message]').catch(() => null), { timeout: 30_000 }).toMatch(/^Calibrated on \d+ of \d+ frames/);
    expect(await page.textContent('[data-testid=calibration-state]')).toMatch(/^Calibrated to your relaxed face on /);
    const stored = (await b.worker.evaluate(async () => (await chrome.storage.local.get('baseline')).baseline)) as { baseline: { version: number; used: number } };
    expect(stored.baseline.version).toBe(BASELINE_VERSION);
    expect(stored.baseline.used).toBeGreaterThanOrEqual(20);
  });

  it('releases the camera on Stop', async () => {
    expect(await page.evaluate(() => window.__selfviewStreams.flatMap((s) => s.getTracks()).some((t) => t.readyState === 'live'))).toBe(true);
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=start]');
    const live = await page.evaluate(() => window.__selfviewStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
    expect(live).toBe(0);
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).srcObject)).toBeNull();
  });

  it('made no request outside the extension', () => {
    const outside = requests.filter((u) => !u.startsWith(`chrome-extension://${b.extensionId}/`));
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.endsWith('/practice.html'))).toBe(true);
  });
});

describe('Practice page, analyse a recording', () => {
  it('analyses a photo', async () => {
    await page.setInputFiles('[data-testid=recording-input]', resolve(FACES, 'A/london/smiling/001_08.jpg'));
    const row = page.locator('[data-testid=recording-rows] tbody tr').first();
    await row.waitFor({ timeout: 60_000 });
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('001_08.jpg');
    expect(cells[1]).toBe('1');
    expect(Number(cells[3])).toBeGreaterThan(40); // smile, percent
  });

  it('says clearly when a file cannot be read, and keeps working', async () => {
    const bad = join(tmpdir(), 'selfview-not-an-image.jpg');
    writeFileSync(bad, 'this is not an image');
    await page.setInputFiles('[data-testid=recording-input]', bad);
    await expect.poll(() => page.textContent('[data-testid=recording-error]').catch(() => null), { timeout: 30_000 })
      .toMatch(/could not be read as an image or video/);
    await page.setInputFiles('[data-testid=recording-input]', resolve(FACES, 'A/london/neutral/001_03.jpg'));
    await page.locator('[data-testid=recording-rows] tbody tr').first().waitFor({ timeout: 60_000 });
  });
});

describe('engine lifecycle', () => {
  const offscreenCount = (): Promise<number> =>
    b.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);

  it('keeps one offscreen document however many pages ask for it', async () => {
    const again = await b.context.newPage();
    await again.goto(b.url('analysis.html'));
    await again.setInputFiles('#files', resolve(FACES, 'A/london/neutral/002_03.jpg'));
    await Promise.all([0, 0, 0].map(() => again.evaluate(() => window.selfviewAnalyse!(0))));
    expect(await offscreenCount()).toBe(1);
    await again.close();
  });

  it('closes the offscreen document once no page has used it for a minute', async () => {
    await expect.poll(offscreenCount, { timeout: 100_000, interval: 2_000 }).toBe(0);
  }, 120_000);
});
