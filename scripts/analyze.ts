/**
 * `npm run analyze -- [--observations] [--baseline NEUTRAL] <files...>`: runs the built extension's
 * own analysis page in headless Chromium on photos and videos and prints one JSON object per line
 * (per photo, or per second of video). Unreadable files get an error line; the exit code is then 1.
 * `--baseline` calibrates on a photo (or the first 10 s of a clip) of the person's relaxed face, as
 * the Practice page does, and gives every row on that person's scale.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyseInBrowser } from './support/analyse-files';

const USAGE = 'Usage: npm run analyze -- [--observations] [--baseline NEUTRAL_PHOTO] <image or video files...>';
const args = process.argv.slice(2);
const observations = args.includes('--observations');
const b = args.indexOf('--baseline');
const baseline = b >= 0 ? args[b + 1] : undefined;
if (b >= 0 && (!baseline || baseline.startsWith('--'))) {
  console.error(`--baseline needs a photo of the relaxed face.\n${USAGE}`);
  process.exit(2);
}
const files = args.filter((a, i) => !a.startsWith('--') && !(b >= 0 && i === b + 1));
if (!files.length) {
  console.error(USAGE);
  process.exit(2);
}
if (baseline) {
  try {
    accessSync(baseline, constants.R_OK);
    if (!statSync(baseline).isFile()) throw new Error('not a file');
  } catch {
    console.error(`Baseline ${baseline}: file not found or not readable.`);
    process.exit(2);
  }
}

let failed = false;
const readable: string[] = [];
for (const f of files) {
  try {
    accessSync(f, constants.R_OK);
    if (!statSync(f).isFile()) throw new Error('not a file');
    readable.push(f);
  } catch {
    failed = true;
    console.log(JSON.stringify({ file: f, error: 'File not found or not readable.' }));
  }
}

try {
  const opts = { observations, ...(baseline ? { baseline: resolve(baseline) } : {}) };
  for await (const row of analyseInBrowser(readable.map((f) => resolve(f)), opts)) {
    if ('error' in row) failed = true;
    const given = readable.find((f) => resolve(f) === row.path) ?? row.path;
    const { path: _path, ms: _ms, ...rest } = row;
    console.log(JSON.stringify({ ...rest, file: given, ...(baseline ? { baseline } : {}) }));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
process.exit(failed ? 1 : 0);
