/**
 * Where the bundled MediaPipe runtime and model live inside the extension package. Shared by the
 * build (which copies them there) and the engine (which loads them with `runtime.getURL`).
 */
export const ASSET_PATHS = {
  wasmLoader: 'mediapipe/vision_wasm_internal.js',
  wasmBinary: 'mediapipe/vision_wasm_internal.wasm',
  model: 'models/face_landmarker.task',
} as const;
