/**
 * Selfview's own detector (MediaPipe Face Landmarker, CPU, VIDEO mode, blendshapes on — as
 * lib/engine/face-engine.ts sets it up) loaded into a peer page, so that another model's time can be
 * read next to it in the same page, on the same frames, under the same machine load. The runtime
 * and model come from the build (`$SELFVIEW_OUT_DIR`), the bundle from node_modules; the page fetches
 * them from its own origin and this route answers from disk, so nothing leaves loopback.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ASSET_PATHS } from '../../../lib/engine/asset-paths';
import { EXTENSION_DIR, ROOT } from '../paths';

/** MAX_FACES of lib/engine/face-engine.ts (not imported: that would load MediaPipe into Node). */
const MAX_FACES = 4;

/** Where the page asks for MediaPipe's files (answered by the route below, not by the server). */
const PREFIX = '/mediapipe-local/';

const FILES: Record<string, string> = {
  'vision_bundle.mjs': resolve(ROOT, 'node_modules/@mediapipe/tasks-vision/vision_bundle.mjs'),
  'loader.js': resolve(EXTENSION_DIR, ASSET_PATHS.wasmLoader),
  'binary.wasm': resolve(EXTENSION_DIR, ASSET_PATHS.wasmBinary),
  'model.task': resolve(EXTENSION_DIR, ASSET_PATHS.model),
};

/** True when the build holds MediaPipe's runtime and model (the timing comparison is optional). */
export const mediaPipeAvailable = (): boolean => Object.values(FILES).every((f) => existsSync(f));

/** What the page gets: `window.mpDetect(canvas)` runs one VIDEO-mode detection. */
export interface MediaPipeWindow {
  mpDetect?: (frame: HTMLCanvasElement) => void;
}

/** Loads MediaPipe into `page` (already on `origin`); afterwards `window.mpDetect` exists. */
export async function loadMediaPipe(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}${PREFIX}*`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(PREFIX.length);
    const path = FILES[name];
    return path ? route.fulfill({ path }) : route.fulfill({ status: 404 });
  });
  await page.evaluate(async ({ base, faces }) => {
    const { FaceLandmarker } = await import(`${base}vision_bundle.mjs`);
    const model = new Uint8Array(await (await fetch(`${base}model.task`)).arrayBuffer());
    const landmarker = await FaceLandmarker.createFromOptions(
      { wasmLoaderPath: `${base}loader.js`, wasmBinaryPath: `${base}binary.wasm` },
      { baseOptions: { modelAssetBuffer: model, delegate: 'CPU' }, runningMode: 'VIDEO', numFaces: faces, outputFaceBlendshapes: true, outputFacialTransformationMatrixes: true },
    );
    let ts = 0;
    (window as MediaPipeWindow).mpDetect = (frame) => void landmarker.detectForVideo(frame, ++ts);
  }, { base: `${origin}${PREFIX}`, faces: MAX_FACES });
}
