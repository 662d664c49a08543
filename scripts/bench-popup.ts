/**
 * `npm run bench:popup`: how fast the popup paints — median and spread of first contentful paint
 * over N opens (default 20) of the popup page at popup size.
 * Measures and reports; it never fails on a slow machine.
 */
import { launchWithExtension } from './support/browser';
import { requireBuilt } from './support/paths';
import { runPopupBench } from './support/perf/popup';

const opens = Number(process.argv[2] ?? 20);
requireBuilt();
const b = await launchWithExtension();
try {
  console.log(JSON.stringify(await runPopupBench(b, opens), null, 2));
} finally {
  await b.close();
}
