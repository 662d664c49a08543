/**
 * Model load time: cold (the first engine start after the browser launched) and warm (the engine's
 * offscreen document closed and opened again in the same browser). Each start is timed twice: by the
 * engine host itself (`loadMs` of its ready status: delegate, WASM runtime, model, graph) and from
 * the analysis page (first photo asked → its row back, which adds making the offscreen document and
 * analysing the photo).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { FRAME_PORT } from '../../../lib/protocol/frame-port';
import { currentWorker } from '../../../test/support/selfview-flow';
import type { ExtensionBrowser } from '../browser';
import { FACES } from '../paths';
import { median, round } from './stats';

/** One engine start. */
export interface LoadTime {
  /** The host's own measure: load started → ready. */
  engineMs: number;
  /** The page's measure: first photo asked → its row back. */
  firstPhotoMs: number;
}

/** The cold start and the warm restarts (with their median). */
export interface LoadResult {
  cold: LoadTime;
  warm: LoadTime[];
  warmMedian: LoadTime;
}

const PHOTO = resolve(FACES, 'A/london/neutral/001_03.jpg');

/** Analyses the chosen photo, then asks a new frame port for the engine's ready status. */
async function startOnce(page: Page): Promise<LoadTime> {
  return page.evaluate(async (portName) => {
    const t0 = performance.now();
    await window.selfviewAnalyse!(0);
    const firstPhotoMs = performance.now() - t0;
    // A new port is told the host's current status at once: after a load, that is 'ready' with its loadMs.
    const port = chrome.runtime.connect({ name: portName });
    const status = await new Promise<{ state: string; loadMs?: number }>((ok) => {
      port.onMessage.addListener((m: { type: string; status?: { state: string; loadMs?: number } }) => {
        if (m.type === 'status' && m.status && m.status.state !== 'loading') ok(m.status);
      });
    });
    port.disconnect();
    return { engineMs: status.loadMs ?? NaN, firstPhotoMs };
  }, FRAME_PORT);
}

/** Closes the offscreen document (from the service worker) and waits until it is gone. */
async function closeEngine(b: ExtensionBrowser): Promise<void> {
  const worker = await currentWorker(b);
  // (No named functions inside: tsx would wrap them in a `__name` helper the worker does not have.)
  await worker.evaluate(async () => {
    const types = { contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] };
    if ((await chrome.runtime.getContexts(types)).length) await chrome.offscreen.closeDocument();
    for (let i = 0; i < 100 && (await chrome.runtime.getContexts(types)).length; i++) await new Promise((r) => setTimeout(r, 50));
  });
}

/** Must be the first engine start of `b`; leaves the engine running. */
export async function measureLoad(b: ExtensionBrowser, warmRuns: number): Promise<LoadResult> {
  const page = await b.context.newPage();
  try {
    await page.goto(b.url('analysis.html'));
    await page.waitForFunction(() => typeof window.selfviewAnalyse === 'function');
    await page.setInputFiles('#files', [PHOTO]);
    const cold = await startOnce(page);
    const warm: LoadTime[] = [];
    for (let i = 0; i < warmRuns; i++) {
      await closeEngine(b);
      warm.push(await startOnce(page));
    }
    const r = (v: number) => round(v, 0);
    return {
      cold: { engineMs: r(cold.engineMs), firstPhotoMs: r(cold.firstPhotoMs) },
      warm: warm.map((w) => ({ engineMs: r(w.engineMs), firstPhotoMs: r(w.firstPhotoMs) })),
      warmMedian: { engineMs: r(median(warm.map((w) => w.engineMs))), firstPhotoMs: r(median(warm.map((w) => w.firstPhotoMs))) },
    };
  } finally {
    await page.close();
  }
}
