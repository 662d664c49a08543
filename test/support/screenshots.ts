/** Screenshots for review at 1x and 2x (kept in test-results/, never committed). */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/support/paths';

/** Directory for test artifacts. */
export const SHOTS = resolve(ROOT, 'test-results');

/** Saves `name`-1x.png and `name`-2x.png of the page (full page), switching the device scale through DevTools. */
export async function screenshotsAt1xAnd2x(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const cdp = await page.context().newCDPSession(page);
  for (const scale of [1, 2]) {
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: size.width, height: size.height, deviceScaleFactor: scale, mobile: false });
    await page.screenshot({ path: resolve(SHOTS, `${name}-${scale}x.png`), fullPage: true });
  }
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
}
