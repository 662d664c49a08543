// The rate governor in a call tab (the local test call page): with a still face in the fake camera
// the analysed rate drops to the low rate and the popup says "face steady"; with a talking clip it
// is never lowered for a steady face, and the popup shows the budget chosen in Settings. Reports
// frames analysed per second, the popup's line, and the browser's CPU with Selfview analysing vs
// paused in each case (figures only: no timing assertions).
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { LOW_FPS } from '../../lib/capture/governor';
import { startCallPage } from '../support/call-page';
import { analysedCall as callWithSelfview } from '../support/faults-browser';
import { cpuOver } from '../support/cpu';
import { dbRows } from '../support/extension-state';
import { y4mFromImage, y4mFromVideo } from '../support/fake-camera';
import { capturingIn, currentWorker } from '../support/selfview-flow';

/** A call with Selfview analysing it: the browser, the popup and the session. */
interface Analysed {
  b: ExtensionBrowser;
  popup: Page;
  tabId: number;
  sessionId: string;
}

let server: Awaited<ReturnType<typeof startCallPage>>;

/** Adds the call page as a site, agrees, joins the call and starts Selfview from the popup (the faults tests' steps). */
const analysedCall = async (b: ExtensionBrowser): Promise<Analysed> => ({ b, ...(await callWithSelfview(b, server)) });

/** The popup's rate line every second for `seconds`: its reason and text. */
async function sampleRateLine(popup: Page, seconds: number): Promise<{ reason: string | null; text: string | null }[]> {
  const out = [];
  for (let i = 0; i < seconds; i++) {
    const line = popup.locator('[data-testid=rate]');
    out.push((await line.count()) ? { reason: await line.getAttribute('data-reason'), text: await line.textContent() } : { reason: null, text: null });
    await popup.waitForTimeout(1000);
  }
  return out;
}

/** Frames analysed in each stored whole second of the session. */
async function framesPerSecond(a: Analysed): Promise<number[]> {
  return ((await dbRows(a.popup)).frames[a.sessionId] ?? []).slice(1, -1);
}

/** Browser CPU over `ms` while analysing, then while paused; logs the figures under `label`. */
async function cpuAnalysingVsPaused(a: Analysed, label: string): Promise<void> {
  const window = 8000;
  const running = await cpuOver(a.b.profile, window);
  await a.popup.click('[data-testid=pause]');
  await expect.poll(() => capturingIn(a.b, a.tabId), { timeout: 5_000 }).toBeNull();
  const paused = await cpuOver(a.b.profile, window);
  console.log(`[governor] ${label}: browser CPU over ${window / 1000} s: analysing ${running.toFixed(0)} ms, paused ${paused.toFixed(0)} ms; ratio ${(running / paused).toFixed(2)} (${((running - paused) / window * 100).toFixed(1)}% of one core for Selfview)`);
  expect(running).toBeGreaterThan(0);
  expect(paused).toBeGreaterThan(0);
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? NaN;

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
});
afterAll(async () => {
  await server?.stop();
});

describe('a still face in the call', () => {
  let b: ExtensionBrowser;
  let a: Analysed;
  beforeAll(async () => {
    b = await launchWithExtension({ camera: y4mFromImage(resolve(FACES, 'A/london/neutral/001_03.jpg')) });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('starts analysing the call', async () => {
    a = await analysedCall(b);
  });

  it('drops to the low rate and the popup says why', async () => {
    const line = a.popup.locator('[data-testid=rate][data-reason=faceSteady]');
    await line.waitFor({ timeout: 30_000 });
    expect(await line.textContent()).toBe(`Analysing ${LOW_FPS} frames/s — budget 33% of a core (face steady)`);
    const steadyFrom = (await framesPerSecond(a)).length;
    await expect.poll(async () => (await framesPerSecond(a)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(steadyFrom + 5);
    const all = await framesPerSecond(a);
    const steady = all.slice(steadyFrom + 1);
    console.log(`[governor] still face: frames analysed per second ${all.join(' ')} (steady from second ${steadyFrom + 1})`);
    // Stored seconds count frames, so this is a count: at most the low rate (a second can catch one frame more at its edges).
    expect(median(steady)).toBeLessThanOrEqual(LOW_FPS + 1);
    const samples = await sampleRateLine(a.popup, 5);
    console.log(`[governor] still face: popup says ${[...new Set(samples.map((s) => s.text))].join(' | ')}`);
  });

  it("reports the browser's CPU with Selfview analysing a still face vs paused", async () => {
    await cpuAnalysingVsPaused(a, 'still face');
  });
});

describe('a talking face in the call', () => {
  let b: ExtensionBrowser;
  let a: Analysed;
  beforeAll(async () => {
    b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8) });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('takes a budget of half a core from Settings, then starts analysing the call', async () => {
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    expect(await options.inputValue('[data-testid=cpu-budget]')).toBe('0.33');
    expect(await options.locator('[data-testid=cpu-budget] option').allTextContents()).toEqual([
      '10% of one core', '20% of one core', '33% of one core (default)', '50% of one core', '75% of one core', '100% of one core',
    ]);
    expect(await options.getAttribute('[data-testid=cpu-budget]', 'aria-describedby')).toBe('cpu-budget-hint');
    await options.selectOption('[data-testid=cpu-budget]', '0.5');
    type Stored = { settings?: { cpuBudget?: number } };
    await expect.poll(async () => (await (await currentWorker(b)).evaluate(() => chrome.storage.local.get('settings')) as Stored).settings?.cpuBudget).toBe(0.5);
    await options.close();
    a = await analysedCall(b);
  });

  it('stays at the chosen rate (the popup never says "face steady")', async () => {
    await a.popup.locator('[data-testid=rate]').waitFor({ timeout: 30_000 });
    const samples = await sampleRateLine(a.popup, 12);
    const reasons = samples.map((s) => s.reason ?? '-');
    console.log(`[governor] talking face: popup reasons per second ${reasons.join(' ')}; says ${[...new Set(samples.map((s) => s.text))].join(' | ')}`);
    console.log(`[governor] talking face: frames analysed per second ${(await framesPerSecond(a)).join(' ')}`);
    expect(reasons).not.toContain('faceSteady');
    expect(samples.filter((x) => x.text).every((x) => x.text!.includes('budget 50% of a core'))).toBe(true);
    expect(reasons.filter((r) => r === 'chosen').length).toBeGreaterThan(0);
  });

  it("reports the browser's CPU with Selfview analysing a talking face vs paused", async () => {
    await cpuAnalysingVsPaused(a, 'talking face');
  });
});
