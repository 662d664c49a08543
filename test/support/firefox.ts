/**
 * Firefox for the browser tests: builds the Firefox package, starts Debian's firefox-esr over
 * WebDriver BiDi (puppeteer-core) with the package as a temporary add-on and a fake camera, and
 * opens extension pages. Firefox runs headful on a private Xvfb display: headless Firefox on a
 * machine without a GPU has no WebGL at all (FEATURE_FAILURE_WEBGL_EXHAUSTED_DRIVERS), and
 * MediaPipe needs WebGL even with its CPU delegate; under Xvfb it gets Mesa's llvmpipe.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from '../../scripts/support/paths';
import { GECKO_ID } from '../../lib/build/browser-manifest';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const XVFB = '/usr/bin/Xvfb';
/** Fixed moz-extension host, so tests know the pages' URLs (Firefox picks a random one otherwise). */
export const FIREFOX_UUID = '5e1f7e11-0000-4000-8000-5e1f71e00001';

/** Why the Firefox tests cannot run here, or null when they can. */
export function firefoxMissing(): string | null {
  if (!existsSync(FIREFOX)) return `firefox-esr not found at ${FIREFOX}: install it with "apt-get install -y firefox-esr xvfb" (or set FIREFOX_PATH).`;
  if (!existsSync(XVFB)) return `Xvfb not found at ${XVFB}: install it with "apt-get install -y xvfb" (Firefox needs a display for WebGL).`;
  return null;
}

/** Builds the Firefox package into a temporary directory; returns the package directory. */
export async function buildFirefox(): Promise<{ dir: string; output: string; remove(): void }> {
  const out = mkdtempSync(join(tmpdir(), 'selfview-firefox-'));
  const r = await promisify(execFile)('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: ROOT, env: { ...process.env, SELFVIEW_OUT_DIR: out } });
  return { dir: join(out, 'firefox-mv3'), output: r.stdout + r.stderr, remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** A running Firefox with the extension. */
export interface FirefoxWithExtension {
  browser: Browser;
  /** The tab the extension opened on install (its onboarding page). */
  page: Page;
  url(path: string): string;
  /** Opens one of the extension's pages in `page` (BiDi may not navigate to moz-extension: URLs itself). */
  open(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a private Xvfb display; resolves once it accepts clients. */
async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const proc = spawn(XVFB, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const socket = `/tmp/.X11-unix/X${display.slice(1)}`;
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) throw new Error(`Xvfb did not start on ${display}.`);
  return { display, proc };
}

/** Launches firefox-esr with the package in `dir` installed as a temporary add-on. */
export async function launchFirefoxWithExtension(dir: string): Promise<FirefoxWithExtension> {
  const xvfb = await startXvfb();
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: false,
      env: { ...process.env, DISPLAY: xvfb.display },
      extraPrefsFirefox: {
        // A synthetic camera without a permission prompt (Firefox's equivalent of Chromium's fake device flags).
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      },
    });
    const id = await browser.installExtension(dir);
    if (id !== GECKO_ID) throw new Error(`Installed add-on has id ${id}, expected ${GECKO_ID}.`);
    const page = await extensionTab(browser);
    const url = (path: string): string => `moz-extension://${FIREFOX_UUID}/${path.replace(/^\//, '')}`;
    const b = browser;
    return {
      browser: b,
      page,
      url,
      async open(path) {
        await page.evaluate((u) => location.assign(u), url(path));
        await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 30_000 }, url(path));
      },
      async close() {
        await b.close().catch(() => undefined);
        xvfb.proc.kill();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    xvfb.proc.kill();
    throw err;
  }
}

/** The tab showing an extension page. Its URL is read from the page: BiDi's navigation events miss moz-extension: loads. */
async function extensionTab(browser: Browser): Promise<Page> {
  for (let i = 0; i < 60; i++) {
    for (const p of await browser.pages()) {
      if ((await p.evaluate(() => location.href).catch(() => '')).startsWith(`moz-extension://${FIREFOX_UUID}/`)) return p;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The extension opened no page after install (its onboarding tab).');
}
