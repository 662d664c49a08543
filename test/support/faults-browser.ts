/**
 * Browser plumbing for the fault tests: a Chromium with the extension on a profile that outlives it
 * (so it can be killed with SIGKILL and started again on the same data), and a call already being
 * analysed on the local call test page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { QUIET_FLAGS, type ExtensionBrowser } from '../../scripts/support/browser';
import { CHROMIUM, EXTENSION_DIR } from '../../scripts/support/paths';
import { callStateOf } from './extension-state';
import { addSiteViaOptions, agree, capturingIn, currentWorker, startFromPopup, tabIdFor } from './selfview-flow';

/** What to launch: `camera` a .y4m for the fake camera, `profile` a directory kept between launches. */
export interface FaultLaunch {
  camera?: string;
  extraArgs?: string[];
  profile?: string;
}

/** A new profile directory (the caller removes it with `removeProfile`). */
export const newProfile = (): string => mkdtempSync(join(tmpdir(), 'selfview-fault-profile-'));
export const removeProfile = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * Starts Chromium with the extension on `profile` (a fresh one when absent) and closes the
 * onboarding page if it opens. `close()` leaves the profile in place.
 */
export async function launchOnProfile(opts: FaultLaunch = {}): Promise<ExtensionBrowser> {
  const profile = opts.profile ?? newProfile();
  const args = [...QUIET_FLAGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`];
  if (opts.camera) args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${opts.camera}`);
  args.push(...(opts.extraArgs ?? []));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, ignoreDefaultArgs: ['--disable-extensions'] });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const onboarding = () => context.pages().filter((p) => p.url().endsWith('/onboarding.html'));
  await vi.waitFor(() => expect(onboarding().length).toBeGreaterThan(0), { timeout: 3_000, interval: 100 }).catch(() => undefined);
  for (const p of onboarding()) await p.close();
  return {
    context, extensionId, worker, profile,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: () => context.close(),
  };
}

/** The pid of the Chromium browser process running on `profile`. */
export function browserPid(profile: string): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.includes('--type=')) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no Chromium running on ${profile}`);
}

/** Kills the browser on `profile` and all its processes with SIGKILL, as a crash or a power cut would; waits until they are gone. */
export async function killBrowser(profile: string): Promise<void> {
  const pid = browserPid(profile);
  const group = Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)]).toString().trim());
  // Playwright starts Chromium in its own process group: killing the group takes every child with it.
  process.kill(group === pid ? -pid : pid, 'SIGKILL');
  await vi.waitFor(() => expect(() => browserPid(profile)).toThrow(), { timeout: 10_000, interval: 100 });
}

/** Joins the call on a new page, adds the site and agrees (first time), starts from the popup; resolves once Selfview's camera is open. */
export async function analysedCall(b: ExtensionBrowser, call: { origin: string; url: string }, setUp = true): Promise<{ page: Page; tabId: number; popup: Page; sessionId: string }> {
  if (setUp) {
    expect(await addSiteViaOptions(b, call.origin)).toContain('Added');
    await agree(b);
  }
  const page = await b.context.newPage();
  await page.goto(call.url);
  await page.click('#join');
  await page.waitForSelector('text=joined');
  const tabId = await tabIdFor(b, call.url);
  await vi.waitFor(async () => expect((await callStateOf(await currentWorker(b))).tabs[tabId]?.cameraOn).toBe(true), { timeout: 15_000, interval: 200 });
  const { popup, sessionId } = await startFromPopup(b, tabId);
  await vi.waitFor(async () => expect(await capturingIn(b, tabId)).toBeTruthy(), { timeout: 30_000, interval: 250 });
  return { page, tabId, popup, sessionId };
}
