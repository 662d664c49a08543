/** Paths the browser tests read: the built extension and the shared face material beside the repo. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The Chromium build (`$SELFVIEW_OUT_DIR`, as in wxt.config.ts, lets parallel work use separate builds). */
export const EXTENSION_DIR = resolve(ROOT, process.env.SELFVIEW_OUT_DIR ?? '.output', 'chrome-mv3');
export const SHARED = resolve(process.env.SELFVIEW_SHARED ?? resolve(ROOT, '../shared'));
export const FACES = resolve(SHARED, 'faces');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Throws a clear message when a prerequisite of the browser tests is missing. */
export function requireBuilt(opts: { faces?: boolean } = {}): void {
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No build at ${EXTENSION_DIR}: run "npm run build" first.`);
  if (opts.faces && !existsSync(FACES)) throw new Error(`Face material not found at ${FACES} (expected ../shared beside the repo, or set SELFVIEW_SHARED).`);
}
