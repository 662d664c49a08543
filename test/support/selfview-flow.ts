/** The user's steps with Selfview in a call, as test helpers shared by the call-page and Janus tests. */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { callStateOf } from './extension-state';

/**
 * Launches the built extension and closes the onboarding page it opens on install, so the test's
 * own page stays in front (a background tab gets no animation frames, and Playwright waits on them
 * before every click). Returns the browser and a fresh page.
 */
export async function launchPastOnboarding(): Promise<{ b: ExtensionBrowser; page: Page }> {
  const b = await launchWithExtension();
  const onboarding = () => b.context.pages().filter((p) => p.url().endsWith('/onboarding.html'));
  await vi.waitFor(() => expect(onboarding().length).toBeGreaterThan(0), { timeout: 10_000, interval: 100 }).catch(() => undefined);
  for (const p of onboarding()) await p.close();
  return { b, page: await b.context.newPage() };
}

/**
 * Adds `origin` as a call site from the options page. Chrome's permission prompt cannot be shown
 * headless, so the host is first granted in chrome://extensions — what the user's "site access"
 * choice there does — after which the options page's request resolves without a prompt.
 */
export async function addSiteViaOptions(b: ExtensionBrowser, origin: string): Promise<string> {
  const host = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  const ext = await b.context.newPage();
  await ext.goto('chrome://extensions/');
  type Dev = { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } };
  await ext.evaluate(([id, h]) => (globalThis as unknown as Dev).chrome.developerPrivate.addHostPermission(id, h), [b.extensionId, host] as const);
  await ext.close();
  const options = await b.context.newPage();
  await options.goto(b.url('options.html'));
  await options.fill('[data-testid=site-input]', origin);
  await options.click('[data-testid=add-site]');
  const message = await options.waitForSelector('[data-testid=sites-message]');
  const text = (await message.textContent()) ?? '';
  await options.close();
  return text;
}

/** Agrees on the onboarding page. */
export async function agree(b: ExtensionBrowser): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(b.url('onboarding.html'));
  await page.click('[data-testid=agree]');
  await page.waitForSelector('[data-testid=consent-state]');
  await page.close();
  // The call scripts are registered once the background hears of the agreement (pages loaded after that get them).
  // (A plain loop: the benches use this helper outside vitest.)
  for (const end = Date.now() + 10_000; !(await registeredCallScripts(b)).length;) {
    if (Date.now() > end) throw new Error('The call scripts were not registered within 10 s of agreeing.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Ids of the call scripts registered now (none before the user agreed). */
export async function registeredCallScripts(b: ExtensionBrowser): Promise<string[]> {
  const worker = await currentWorker(b);
  return worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort());
}

/** The id of the tab whose URL starts with `prefix`. */
export async function tabIdFor(b: ExtensionBrowser, prefix: string): Promise<number> {
  const worker = await currentWorker(b);
  return worker.evaluate(async (p) => (await chrome.tabs.query({ url: `${p}*` }))[0]!.id!, prefix);
}

/** The extension's service worker now (a stopped one is replaced by a new one). */
export async function currentWorker(b: ExtensionBrowser) {
  return b.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${b.extensionId}/`)) ?? b.context.waitForEvent('serviceworker');
}

/** The deviceId Selfview's own stream has open in a tab (null/undefined: none). */
export async function capturingIn(b: ExtensionBrowser, tabId: number): Promise<string | null | undefined> {
  return (await callStateOf(await currentWorker(b))).tabs[tabId]?.capturing;
}

/** Number of offscreen documents (the analysis engine runs in one). */
export async function offscreenCount(b: ExtensionBrowser): Promise<number> {
  const worker = await currentWorker(b);
  return worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);
}

/** Opens the popup as a page for `tabId` and presses Start; resolves with the session id. */
export async function startFromPopup(b: ExtensionBrowser, tabId: number): Promise<{ popup: Page; sessionId: string }> {
  const popup = await b.context.newPage();
  await popup.goto(b.url(`popup.html?tab=${tabId}`));
  await popup.click('[data-testid=start]');
  const s = await popup.waitForSelector('[data-testid=session][data-status=running]');
  return { popup, sessionId: (await s.getAttribute('data-session-id'))! };
}

/** Stops the extension's service worker through DevTools and waits until Chromium reports it stopped. */
export async function stopServiceWorker(b: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await b.context.newCDPSession(page);
  type Version = { versionId: string; runningStatus: string; scriptURL: string };
  const ours = (e: unknown) => (e as { versions: Version[] }).versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`));
  const running = new Promise<Version>((r) => cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    const v = ours(e);
    if (v?.runningStatus === 'running') r(v);
  }));
  await cdp.send('ServiceWorker.enable');
  const v = await running;
  const stopped = new Promise<void>((r) => cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    if (ours(e)?.runningStatus === 'stopped') r();
  }));
  await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
  await stopped;
  await cdp.detach();
}

/**
 * Clicks "Not now" on Selfview's in-page hint like a person (a trusted click at its position: the
 * hint lives in a closed shadow root that neither page scripts nor selectors can reach). The hint
 * has no Start: starting is only in Selfview's popup (`startFromPopup`).
 */
export async function declineHint(page: Page): Promise<void> {
  const host = page.locator('selfview-prompt');
  await host.waitFor({ state: 'visible', timeout: 15_000 });
  const box = (await host.boundingBox())!;
  // The button is 96×32 at the hint's bottom-left inside 12/14 px padding.
  await page.mouse.click(box.x + 14 + 48, box.y + box.height - 12 - 16);
  await host.waitFor({ state: 'detached', timeout: 5_000 });
}
