/**
 * `npm run bench:popup`: how fast the popup paints — median and spread of first contentful paint
 * over N opens (default 20) of the popup page at popup size.
 * Measures and reports; it never fails on a slow machine.
 */
import { launchWithExtension } from './support/browser';
import { requireBuilt } from './support/paths';

const opens = Number(process.argv[2] ?? 20);
requireBuilt();
const b = await launchWithExtension();
try {
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
  console.log(JSON.stringify({ opens, firstContentfulPaintMs: { median: q(0.5), p10: q(0.1), p90: q(0.9), min: times[0], max: times.at(-1) } }, null, 2));
} finally {
  await b.close();
}
