/**
 * How fast the popup paints: first contentful paint over N opens of the popup page at popup size,
 * after one warm-up open. Used by `bench:popup` and `bench:perf`.
 */
import type { ExtensionBrowser } from '../browser';

/** Median and spread of first contentful paint (ms). */
export interface PopupResult {
  opens: number;
  firstContentfulPaintMs: { median: number; p10: number; p90: number; min: number; max: number };
}

/** Opens the popup `opens` times (plus one warm-up) in `b` and reads each open's first contentful paint. */
export async function runPopupBench(b: ExtensionBrowser, opens: number): Promise<PopupResult> {
  // One warm-up open: the first ever load also compiles the extension's code cache.
  const times: number[] = [];
  for (let i = 0; i <= opens; i++) {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 340, height: 520 });
    await page.goto(b.url('popup.html'));
    await page.waitForSelector('[data-testid=popup] [data-testid=idle], [data-testid=popup] [data-testid=session]');
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    if (i > 0) times.push(fcp);
    await page.close();
  }
  times.sort((x, y) => x - y);
  const q = (p: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
  return { opens, firstContentfulPaintMs: { median: q(0.5), p10: q(0.1), p90: q(0.9), min: times[0]!, max: times.at(-1)! } };
}
