/**
 * Launches Debian Chromium with the built extension loaded (and optionally a fake camera), and
 * finds the extension's id. Shared by the E2E tests and the analyze CLI's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR } from './paths';

/** A running browser with the extension. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The temporary profile directory (identifies this browser's processes). */
  profile: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Flags that keep Chromium off the network and quiet in a sandboxed CI. */
export const QUIET_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-dev-shm-usage',
];

/** Starts Chromium with the extension; `camera` is a .y4m file for the fake camera; `extraArgs` are added to Chromium's flags. */
export async function launchWithExtension(opts: { camera?: string; extensionDir?: string; extraArgs?: string[] } = {}): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'selfview-profile-'));
  const args = [...QUIET_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
  if (opts.camera) {
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${opts.camera}`);
  }
  if (opts.extraArgs) args.push(...opts.extraArgs);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    profile,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
