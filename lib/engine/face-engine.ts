/**
 * The analysis engine: owns MediaPipe FaceLandmarkers (VIDEO mode for streams, IMAGE mode for
 * stills), turns each frame into an observation and its cues. Runs in the offscreen document on
 * Chromium; the same class runs wherever a DOM exists (Firefox's background page).
 */
import { FaceLandmarker, type FaceLandmarkerOptions } from '@mediapipe/tasks-vision';
import { ASSET_PATHS } from './asset-paths';
import { chooseDelegate, type DelegatePreference } from './delegate';
import { fetchWithProgress, withTimeout, type ProgressFn } from './load-model';
import { observe, type RawLandmarkerResult } from './observe';
import { cropPixels, mergeTileResults, tileGrid } from './tiles';
import type { Pixels } from './luma';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { FrameCues } from '../cues/types';

/** How many faces the landmarker looks for in a stream; the cues describe the primary one. */
export const MAX_FACES = 4;
/** Photos are analysed once, so they can afford counting a whole group. */
export const MAX_FACES_STILL = 32;
/** Detection confidence required of faces found in tiles of a photo. */
export const TILE_CONFIDENCE = 0.85;
/** Model + runtime load must finish within this, or the user gets an error. */
export const LOAD_TIMEOUT_MS = 30_000;

/** The WebGL renderer string, or null without WebGL. */
export function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/** One analysed frame. */
export interface EngineFrame {
  observation: FrameObservation;
  cues: FrameCues;
  detectMs: number;
  cueMs: number;
}

/** A loaded engine. Create with `FaceEngine.load`. */
export class FaceEngine {
  private image: FaceLandmarker | null = null;
  private tiles: FaceLandmarker | null = null;
  private lastVideoTs = 0;

  private constructor(
    private readonly video: FaceLandmarker,
    private readonly options: FaceLandmarkerOptions,
    private readonly fileset: { wasmLoaderPath: string; wasmBinaryPath: string },
    readonly delegate: 'CPU' | 'GPU',
    readonly delegateReason: string,
  ) {}

  /** Loads runtime and model from the extension package (`getURL` maps package paths to URLs). */
  static async load(getURL: (path: string) => string, pref: DelegatePreference, onProgress: ProgressFn): Promise<FaceEngine> {
    const { delegate, reason } = chooseDelegate(pref, webglRenderer());
    const fileset = { wasmLoaderPath: getURL(ASSET_PATHS.wasmLoader), wasmBinaryPath: getURL(ASSET_PATHS.wasmBinary) };
    const load = async (): Promise<FaceEngine> => {
      onProgress('model', 0);
      const model = await fetchWithProgress(getURL(ASSET_PATHS.model), (f) => onProgress('model', f));
      onProgress('init', 0);
      const options: FaceLandmarkerOptions = {
        baseOptions: { modelAssetBuffer: model, delegate },
        runningMode: 'VIDEO',
        numFaces: MAX_FACES,
        outputFaceBlendshapes: true,
        outputFacialTransformationMatrixes: true,
      };
      const video = await FaceLandmarker.createFromOptions(fileset, options);
      onProgress('init', 1);
      return new FaceEngine(video, options, fileset, delegate, reason);
    };
    return withTimeout(load(), LOAD_TIMEOUT_MS, `The face model did not load within ${LOAD_TIMEOUT_MS / 1000} s. Close other heavy tabs and try again.`);
  }

  /**
   * Analyses one frame. Streams pass their own timestamps (ms); they are shifted so the VIDEO
   * landmarker always sees increasing time, even across streams. Stills use IMAGE mode.
   */
  async analyse(px: Pixels, ts: number, still: boolean, streamOffset = 0): Promise<EngineFrame> {
    const img = new ImageData(px.data as Uint8ClampedArray<ArrayBuffer>, px.width, px.height);
    const t0 = performance.now();
    let raw: RawLandmarkerResult;
    if (still) {
      raw = await this.detectStill(img, px);
    } else {
      const vts = Math.max(this.lastVideoTs + 1, ts + streamOffset);
      this.lastVideoTs = vts;
      raw = this.video.detectForVideo(img, vts);
    }
    const t1 = performance.now();
    const observation = observe(raw, px);
    const cues = frameCues(observation);
    return { observation, cues, detectMs: t1 - t0, cueMs: performance.now() - t1 };
  }

  /** IMAGE-mode detection; when the whole photo shows no face, looks again in tiles for small faces. */
  private async detectStill(img: ImageData, px: Pixels): Promise<RawLandmarkerResult> {
    this.image ??= await FaceLandmarker.createFromOptions(this.fileset, { ...this.options, runningMode: 'IMAGE', numFaces: MAX_FACES_STILL });
    const whole = this.image.detect(img);
    if (whole.faceLandmarks.length > 0) return whole;
    // Crops are upscaled, which makes face-like textures (a cat, a pattern) look more like a face:
    // the tiled pass asks for more confidence than the whole-image pass.
    this.tiles ??= await FaceLandmarker.createFromOptions(this.fileset, {
      ...this.options, runningMode: 'IMAGE', numFaces: MAX_FACES_STILL, minFaceDetectionConfidence: TILE_CONFIDENCE, minFacePresenceConfidence: TILE_CONFIDENCE,
    });
    const parts = tileGrid(px.width, px.height).map((tile) => ({
      tile,
      result: this.tiles!.detect(new ImageData(cropPixels(px.data, px.width, tile) as Uint8ClampedArray<ArrayBuffer>, tile.w, tile.h)),
    }));
    return mergeTileResults(parts, px.width, px.height, MAX_FACES_STILL);
  }

  /** The last VIDEO timestamp used; a new stream starts after it. */
  get videoClock(): number {
    return this.lastVideoTs;
  }

  /** Frees the WASM graphs. */
  close(): void {
    this.video.close();
    this.image?.close();
    this.tiles?.close();
  }
}
