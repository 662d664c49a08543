/**
 * Build-time list of the large binary assets copied into the extension package (never committed):
 * MediaPipe's SIMD WASM fileset and the verified Face Landmarker model.
 */
import { resolve } from 'node:path';
import { ASSET_PATHS } from '../engine/asset-paths';
import { ensureModel } from './model-source';

/** Files to copy into the output directory, as WXT `CopiedPublicFile`s. */
export async function bundledAssets(root: string): Promise<{ absoluteSrc: string; relativeDest: string }[]> {
  const wasmDir = resolve(root, 'node_modules/@mediapipe/tasks-vision/wasm');
  const model = await ensureModel({ root, cacheFile: resolve(root, '.cache/face_landmarker.task') });
  return [
    { absoluteSrc: resolve(wasmDir, 'vision_wasm_internal.js'), relativeDest: ASSET_PATHS.wasmLoader },
    { absoluteSrc: resolve(wasmDir, 'vision_wasm_internal.wasm'), relativeDest: ASSET_PATHS.wasmBinary },
    { absoluteSrc: model, relativeDest: ASSET_PATHS.model },
  ];
}
