/**
 * Storage time per stored second, measured in the offscreen document with the extension's own
 * SampleWriter (see storage-probe.page.ts): the page code is bundled with esbuild (tsx's own
 * bundler) and evaluated in the offscreen target through DevTools.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { CDPSession } from 'playwright-core';
import { recordedSeconds } from '../../../lib/db/test-support';
import { DEFAULT_FLUSH_MS } from '../../../lib/db/sample-writer';
import { evalInOffscreen } from '../../../test/support/faults-cdp';
import type { ExtensionBrowser } from '../browser';
import type { ProbeResult } from './storage-probe.page';
import { median, quantile, round } from './stats';

/** Seconds per write in a call: one write every DEFAULT_FLUSH_MS at one second per second. */
export const SECONDS_PER_BATCH = DEFAULT_FLUSH_MS / 1000;

/** Storage cost in ms: per write, per stored second, and per analysed frame at `fps`. */
export interface StorageResult {
  batches: number;
  secondsPerBatch: number;
  batchMs: { median: number; p90: number };
  perSecondMs: number;
  perFrameMs: number;
  atFps: number;
  errors: string[];
}

/** The probe as one script that leaves `__selfviewStorageProbe` on the global object. */
async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'storage-probe.page.ts')],
    bundle: true, write: false, format: 'iife', globalName: '__selfviewStorageProbe', platform: 'browser', target: 'chrome120', logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Runs `batches` writes in the offscreen document of `b` (which must be open); amortises over `fps` frames a second. */
export async function measureStorage(cdp: CDPSession, b: ExtensionBrowser, batches: number, fps: number): Promise<StorageResult> {
  const args = { batches, perBatch: SECONDS_PER_BATCH, gapMs: 250, clip: recordedSeconds().slice(0, 120) };
  const r = await evalInOffscreen<ProbeResult>(cdp, b, `${await bundle()}\n__selfviewStorageProbe.probe(${JSON.stringify(args)})`);
  const perSecond = median(r.batchMs) / SECONDS_PER_BATCH;
  return {
    batches, secondsPerBatch: SECONDS_PER_BATCH,
    batchMs: { median: round(median(r.batchMs), 2), p90: round(quantile(r.batchMs, 0.9), 2) },
    perSecondMs: round(perSecond, 3), perFrameMs: round(perSecond / fps, 3), atFps: fps, errors: r.errors,
  };
}
