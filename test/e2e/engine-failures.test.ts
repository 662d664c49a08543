// A broken package (model missing) ends in a clear message, and the camera is released.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { EXTENSION_DIR, FACES, requireBuilt } from '../../scripts/support/paths';
import { y4mFromImage } from '../support/fake-camera';
import { trackStreams } from '../support/practice-page';

let b: ExtensionBrowser;
let dir: string;

beforeAll(async () => {
  requireBuilt({ faces: true });
  dir = mkdtempSync(join(tmpdir(), 'selfview-broken-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  rmSync(join(dir, 'models/face_landmarker.task'));
  b = await launchWithExtension({ extensionDir: dir, camera: y4mFromImage(resolve(FACES, 'A/webmorph_lisa_zoom/30cm.jpg')) });
});
afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('missing model in the package', () => {
  it('tells the user what is wrong and releases the camera', async () => {
    const page = await b.context.newPage();
    await trackStreams(page);
    await page.goto(b.url('practice.html'));
    await page.click('[data-testid=start]');
    await expect.poll(() => page.textContent('[data-testid=live-error]').catch(() => null), { timeout: 60_000 })
      .toMatch(/The face model is missing from this Selfview package/);
    expect(await page.evaluate(() => window.__selfviewStreams.length)).toBe(1);
    const live = await page.evaluate(() => window.__selfviewStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
    expect(live).toBe(0);
    await page.waitForSelector('[data-testid=start]');
  });
});
