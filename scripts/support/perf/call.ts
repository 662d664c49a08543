/**
 * A call in the local test call page with Selfview analysing it, driven like a person would: the
 * site added and consent given once per browser, call rate and CPU budget chosen in Settings, Start,
 * Pause, Resume and Stop in the popup. Reads the frames analysed per stored second back from IndexedDB.
 */
import type { Page } from 'playwright-core';
import { startCallPage } from '../../../test/support/call-page';
import { callStateOf, dbRows } from '../../../test/support/extension-state';
import { addSiteViaOptions, agree, capturingIn, currentWorker, tabIdFor } from '../../../test/support/selfview-flow';
import type { ExtensionBrowser } from '../browser';

/** Polls `fn` every 200 ms until it is truthy; throws after `timeoutMs` saying what was awaited. */
export async function waitUntil<T>(what: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A joined call in `b` that Selfview may analyse. */
export interface JoinedCall {
  b: ExtensionBrowser;
  tabId: number;
  /** A page of the extension kept open to read IndexedDB. */
  reader: Page;
  close(): Promise<void>;
}

/** Starts the call page server, adds it as a site, agrees, and joins the call with the fake camera. */
export async function joinCall(b: ExtensionBrowser): Promise<JoinedCall> {
  const server = await startCallPage();
  const added = await addSiteViaOptions(b, server.origin);
  if (!/Added/.test(added)) throw new Error(`Could not add the call page as a site: ${added}`);
  await agree(b);
  const call = await b.context.newPage();
  await call.goto(server.url);
  await call.click('#join');
  await call.waitForSelector('text=joined');
  const tabId = await tabIdFor(b, server.url);
  await waitUntil('the call camera to be on', async () => (await callStateOf(await currentWorker(b))).tabs[tabId]?.cameraOn);
  const reader = await b.context.newPage();
  await reader.goto(b.url('options.html'));
  // The call tab stays in front: a background tab's page gets no animation frames.
  await call.bringToFront();
  return { b, tabId, reader, close: () => server.stop() };
}

/** A call rate (frames/s) and CPU budget (fraction of one core). */
export interface CallChoice {
  callFps: number;
  cpuBudget: number;
}

/**
 * What the settings page shows before anything was chosen (the defaults), and its highest call
 * rate and budget — read from the page, so the bench follows the extension's own settings.
 */
export async function callChoices(b: ExtensionBrowser): Promise<{ defaults: CallChoice; max: CallChoice }> {
  const options = await b.context.newPage();
  try {
    await options.goto(b.url('options.html'));
    await options.waitForSelector('[data-testid=cpu-budget]');
    const values = async (sel: string) => (await options.locator(`${sel} option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).map(Number);
    return {
      defaults: { callFps: Number(await options.inputValue('[data-testid=call-fps]')), cpuBudget: Number(await options.inputValue('[data-testid=cpu-budget]')) },
      max: { callFps: Math.max(...(await values('[data-testid=call-fps]'))), cpuBudget: Math.max(...(await values('[data-testid=cpu-budget]'))) },
    };
  } finally {
    await options.close();
  }
}

/** Chooses the call rate and CPU budget on the settings page (as select values: '15', '1'). */
export async function chooseCallSettings(b: ExtensionBrowser, callFps: number, cpuBudget: number): Promise<void> {
  const options = await b.context.newPage();
  await options.goto(b.url('options.html'));
  await options.selectOption('[data-testid=call-fps]', String(callFps));
  await options.selectOption('[data-testid=cpu-budget]', String(cpuBudget));
  type Stored = { settings?: { callFps?: number; cpuBudget?: number } };
  await waitUntil('the settings to be stored', async () => {
    const s = ((await (await currentWorker(b)).evaluate(() => chrome.storage.local.get('settings'))) as Stored).settings;
    return s?.callFps === callFps && s.cpuBudget === cpuBudget;
  });
  await options.close();
}

/** Presses a popup button for the call tab (`start`, `pause`, `resume`, `stop`); resolves with the session id. */
export async function popupControl(c: JoinedCall, button: 'start' | 'pause' | 'resume' | 'stop'): Promise<string | null> {
  const popup = await c.b.context.newPage();
  try {
    await popup.goto(c.b.url(`popup.html?tab=${c.tabId}`));
    await popup.click(`[data-testid=${button}]`);
    const want = { start: 'running', resume: 'running', pause: 'paused', stop: null }[button];
    if (!want) {
      await popup.waitForSelector('[data-testid=popup] [data-testid=start], [data-testid=popup] [data-testid=idle]');
      return null;
    }
    const s = await popup.waitForSelector(`[data-testid=session][data-status=${want}]`);
    return await s.getAttribute('data-session-id');
  } finally {
    await popup.close();
  }
}

/** Waits until Selfview's own stream in the call tab is open (`true`) or closed (`false`). */
export async function waitCapturing(c: JoinedCall, on: boolean): Promise<void> {
  await waitUntil(on ? 'Selfview to capture' : 'Selfview to stop capturing', async () => ((await capturingIn(c.b, c.tabId)) ? on : !on));
}

/** Frames analysed in each stored second of `sessionId`, by second (t) — seconds not stored are absent. */
export async function framesBySecond(c: JoinedCall, sessionId: string): Promise<Map<number, number>> {
  const rows = await dbRows(c.reader);
  const ts = rows.samples[sessionId] ?? [];
  const frames = rows.frames[sessionId] ?? [];
  return new Map(ts.map((t, i) => [t, frames[i]!]));
}
