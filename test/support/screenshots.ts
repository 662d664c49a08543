/** Screenshots for review at 1x and 2x (kept in test-results/, never committed). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/support/paths';

/** Directory for test artifacts. */
export const SHOTS = resolve(ROOT, 'test-results');

/**
 * Saves `name`-1x.png and `name`-2x.png of the whole page. The device scale is set through DevTools
 * and the picture taken there too: Playwright's own screenshot keeps the context's 1x.
 */
export async function screenshotsAt1xAnd2x(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const width = viewport?.width ?? 1280;
  const cdp = await page.context().newCDPSession(page);
  for (const scale of [1, 2]) {
    await cdp.send('Emulation.setDeviceMetricsOverride', { width, height: 800, deviceScaleFactor: scale, mobile: false });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: false });
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(resolve(SHOTS, `${name}-${scale}x.png`), Buffer.from(shot.data, 'base64'));
  }
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
  // Clearing the override also drops Playwright's own viewport emulation: put it back for the rest of the test.
  if (viewport) await page.setViewportSize(viewport);
}
