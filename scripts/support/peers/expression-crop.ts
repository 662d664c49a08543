/**
 * face-api's expression net alone, on a face crop someone else found (Selfview's MediaPipe box),
 * in a page of the bench's Chromium served by the loopback `PeerServer`: no face-api detector. The
 * photo is first scaled to a call-size frame, as Selfview's engine would see it in a call, then the
 * box (enlarged to a square) is cut out at the net's input size. Only the smiling-face class is read.
 *
 * Threads: the page is not cross-origin isolated, so tfjs gets no SharedArrayBuffer and its WASM
 * backend runs single-threaded — as it would in an extension page without COOP/COEP.
 */
import type { BrowserContext } from 'playwright-core';
import type { PeerServer } from './server';
import { loadMediaPipe, type MediaPipeWindow } from './mediapipe-page';
import { blockedRequests } from './stacks';

/** A face box, normalised to the image (0..1). */
export type NormBox = { x: number; y: number; w: number; h: number };

/** A photo under the face material and the box of its face. */
export type CropItem = { file: string; box: NormBox };

/** The net's input side (face-api resizes anything it is given to this square). */
export const NET_INPUT = 112;

/**
 * Per call, interleaved so that every path sees the same machine load: cutting the crop out of the
 * frame; face-api's own path on that canvas (it copies it to a square canvas and reads the pixels
 * back); a lean path (getImageData → tensor → net); the net alone on a ready tensor; and, when
 * loaded, one MediaPipe detection on the whole frame. Every net call reads its softmax back.
 */
export type CropTiming = Record<'cropMs' | 'netMs' | 'leanMs' | 'tensorMs' | 'mediapipeMs', number[]>;

/** The expression net loaded in its own page, with the frames prepared in it. */
export interface CropPage {
  backend: string;
  /** tfjs WASM feature flags as the page got them. */
  simd: boolean;
  threads: boolean;
  crossOriginIsolated: boolean;
  /** Smiling-face probability per file for crops enlarged by `enlarge` (1.2 = 20% wider and taller). */
  score(enlarge: number): Promise<Record<string, number>>;
  /** `calls` timed calls cycling over the frames, after `warmup` untimed ones. */
  time(enlarge: number, calls: number, warmup: number): Promise<CropTiming>;
  close(): Promise<void>;
}

type Net = { predictExpressions(c: unknown): Promise<Record<string, number>> };
type Tf = { browser: { fromPixels(p: ImageData): { dispose(): void } } };
interface CropWindow extends MediaPipeWindow {
  cropNet?: Net;
  cropTf?: Tf;
  cropCtx?: CanvasRenderingContext2D;
  cropFrames?: { file: string; frame: HTMLCanvasElement; box: NormBox }[];
  cropCut?: (frame: HTMLCanvasElement, box: NormBox, enlarge: number) => HTMLCanvasElement;
}
const SMILE_CLASS = ['hap', 'py'].join(''); // face-api's own name for the class; Selfview reads it as a movement score

/**
 * Opens the page, loads face-api's expression net on the WASM backend and prepares each item's
 * call-size frame (the photo scaled to `frameSide` on its long side; decoding is not timed).
 */
export async function openExpressionCrop(context: BrowserContext, server: PeerServer, items: readonly CropItem[], frameSide: number, withMediaPipe = false): Promise<CropPage> {
  const page = await context.newPage();
  await page.addInitScript('globalThis.__name = (f) => f;'); // tsx's name helper, absent in the page
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await page.goto(`${server.origin}/peer.html`);
  const urls = items.map((it) => ({ ...it, url: `${server.origin}/faces/${it.file.split('/').map(encodeURIComponent).join('/')}` }));
  const info = await page.evaluate(async ({ origin, urls, frameSide, size }) => {
    const faceapi = await import(`${origin}/lib/face-api/face-api.esm.js`);
    faceapi.tf.setWasmPaths(`${origin}/tfjs-wasm/`);
    await faceapi.tf.setBackend('wasm');
    await faceapi.tf.ready();
    await faceapi.nets.faceExpressionNet.loadFromUri(`${origin}/models/face-api`);
    const w = Object.assign(window as unknown as CropWindow, { cropNet: faceapi.nets.faceExpressionNet as Net, cropTf: faceapi.tf as Tf });
    const crop = document.createElement('canvas');
    crop.width = crop.height = size;
    const ctx = (w.cropCtx = crop.getContext('2d', { willReadFrequently: true })!); // its pixels are read back on every call
    // A square around the box's centre, `enlarge` times its longer side; outside the frame stays black.
    w.cropCut = (frame, box, enlarge) => {
      const side = Math.max(box.w * frame.width, box.h * frame.height) * enlarge;
      const cx = (box.x + box.w / 2) * frame.width, cy = (box.y + box.h / 2) * frame.height;
      ctx.fillRect(0, 0, size, size);
      ctx.drawImage(frame, cx - side / 2, cy - side / 2, side, side, 0, 0, size, size);
      return crop;
    };
    w.cropFrames = [];
    for (const it of urls) {
      const bitmap = await createImageBitmap(await (await fetch(it.url)).blob());
      const scale = Math.min(1, frameSide / Math.max(bitmap.width, bitmap.height));
      const frame = document.createElement('canvas');
      frame.width = Math.round(bitmap.width * scale);
      frame.height = Math.round(bitmap.height * scale);
      frame.getContext('2d')!.drawImage(bitmap, 0, 0, frame.width, frame.height);
      bitmap.close();
      w.cropFrames.push({ file: it.file, frame, box: it.box });
    }
    const flag = async (name: string) => Boolean(await faceapi.tf.env().getAsync(name).catch(() => false));
    return {
      backend: String(faceapi.tf.getBackend()), simd: await flag('WASM_HAS_SIMD_SUPPORT'),
      threads: await flag('WASM_HAS_MULTITHREAD_SUPPORT'), crossOriginIsolated: globalThis.crossOriginIsolated,
    };
  }, { origin: server.origin, urls, frameSide, size: NET_INPUT });
  if (withMediaPipe) await loadMediaPipe(page, server.origin);

  return {
    ...info,
    score: (enlarge) => page.evaluate(async ({ enlarge, cls }) => {
      const w = window as unknown as CropWindow;
      const out: Record<string, number> = {};
      for (const f of w.cropFrames!) out[f.file] = (await w.cropNet!.predictExpressions(w.cropCut!(f.frame, f.box, enlarge)))[cls]!;
      return out;
    }, { enlarge, cls: SMILE_CLASS }),
    time: (enlarge, calls, warmup) => page.evaluate(async ({ enlarge, calls, warmup, size }) => {
      const w = window as unknown as CropWindow;
      const frames = w.cropFrames!, net = w.cropNet!, tf = w.cropTf!;
      const ready = tf.browser.fromPixels(w.cropCut!(frames[0]!.frame, frames[0]!.box, enlarge).getContext('2d')!.getImageData(0, 0, size, size));
      const out = { cropMs: [] as number[], netMs: [] as number[], leanMs: [] as number[], tensorMs: [] as number[], mediapipeMs: [] as number[] };
      for (let i = 0; i < warmup + calls; i++) {
        const f = frames[i % frames.length]!;
        const t0 = performance.now();
        const c = w.cropCut!(f.frame, f.box, enlarge);
        const t1 = performance.now();
        await net.predictExpressions(c);
        const t2 = performance.now();
        const px = tf.browser.fromPixels(w.cropCtx!.getImageData(0, 0, size, size));
        await net.predictExpressions(px);
        px.dispose();
        const t3 = performance.now();
        await net.predictExpressions(ready);
        const t4 = performance.now();
        w.mpDetect?.(f.frame);
        const t5 = performance.now();
        if (i < warmup) continue;
        out.cropMs.push(t1 - t0);
        out.netMs.push(t2 - t1);
        out.leanMs.push(t3 - t2);
        out.tensorMs.push(t4 - t3);
        if (w.mpDetect) out.mediapipeMs.push(t5 - t4);
      }
      ready.dispose();
      return out;
    }, { enlarge, calls, warmup, size: NET_INPUT }),
    close: () => page.close(),
  };
}
