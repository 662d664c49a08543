/**
 * `npm run analyze -- [--observations] <files...>`: runs the built extension's own analysis page in
 * headless Chromium on photos and videos and prints one JSON object per line (per photo, or per
 * second of video). Unreadable files get an error line; the exit code is then 1.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyseInBrowser } from './support/analyse-files';

const args = process.argv.slice(2);
const observations = args.includes('--observations');
const files = args.filter((a) => !a.startsWith('--'));
if (!files.length) {
  console.error('Usage: npm run analyze -- [--observations] <image or video files...>');
  process.exit(2);
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
  for await (const row of analyseInBrowser(readable.map((f) => resolve(f)), { observations })) {
    if ('error' in row) failed = true;
    const given = readable.find((f) => resolve(f) === row.path) ?? row.path;
    const { path: _path, ...rest } = row;
    console.log(JSON.stringify({ ...rest, file: given }));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
process.exit(failed ? 1 : 0);
