/**
 * Research recorder on the analysis page (`npm run bench:accuracy`, `scripts/record-research.ts`):
 * runs a bare MediaPipe Face Landmarker — the same model and runtime files as the engine — on photos
 * under known transforms (rotation, scale, shift, brightness, mirror) and on every frame of a video,
 * and returns all 52 blendshapes, the head matrix and the shape ratios of `lib/cues/geometry`.
 * Nothing here runs in normal use; the numbers feed the cue choices and their measured accuracy.
 */
import { FaceLandmarker, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import { browser } from 'wxt/browser';
import { ASSET_PATHS } from '../engine/asset-paths';
import { landmarkBox } from '../engine/observe';
import { faceGeometry, type FaceGeometry } from '../cues/geometry';
import type { Box } from '../cues/observation';

/** A known change made to a photo before it is analysed. */
export interface Transform {
  /** Clockwise rotation in the image plane, degrees. */
  rotate?: number;
  /** Zoom about the centre (1 = as is). */
  scale?: number;
  /** Shift as a fraction of width / height. */
  dx?: number;
  dy?: number;
  /** CSS brightness factor (1 = as is). */
  brightness?: number;
  /** Mirror left-right. */
  flip?: boolean;
}

/** One face in one picture: everything the cue choices are made from (derived numbers only). */
export interface ResearchFace {
  blendshapes: Record<string, number>;
  matrix: number[];
  box: Box;
  geometry: FaceGeometry | null;
}

/** One analysed picture (a transformed photo, or one video frame with its index). */
export interface ResearchItem {
  frame?: number;
  faces: ResearchFace[];
}

declare global {
  interface Window {
    selfviewResearch?: (fileIndex: number, opts: { transforms?: Transform[]; video?: { fps: number } }) => Promise<ResearchItem[]>;
  }
}

const url = (p: string): string => browser.runtime.getURL(`/${p}` as '/');
/** Longest side a photo is analysed at, as in `lib/client/recording`. */
const SIDE = 1280;

function toItem(r: FaceLandmarkerResult, width: number, height: number, frame?: number): ResearchItem {
  const faces = r.faceLandmarks.map((points, i): ResearchFace => ({
    blendshapes: Object.fromEntries((r.faceBlendshapes[i]?.categories ?? []).map((c) => [c.categoryName, c.score])),
    matrix: [...(r.facialTransformationMatrixes?.[i]?.data ?? [])],
    box: landmarkBox(points).box,
    geometry: faceGeometry(points, width, height),
  }));
  return frame === undefined ? { faces } : { frame, faces };
}

function draw(src: ImageBitmap, t: Transform): OffscreenCanvas {
  const s = Math.min(1, SIDE / Math.max(src.width, src.height));
  const w = Math.round(src.width * s), h = Math.round(src.height * s);
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, w, h);
  ctx.filter = `brightness(${t.brightness ?? 1})`;
  ctx.translate(w / 2 + (t.dx ?? 0) * w, h / 2 + (t.dy ?? 0) * h);
  ctx.rotate(((t.rotate ?? 0) * Math.PI) / 180);
  ctx.scale((t.flip ? -1 : 1) * (t.scale ?? 1), t.scale ?? 1);
  ctx.drawImage(src, -w / 2, -h / 2, w, h);
  return c;
}

async function videoFrames(file: File, lm: FaceLandmarker, fps: number): Promise<ResearchItem[]> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(file);
  await new Promise((r) => (video.onloadeddata = r));
  const count = Math.floor(video.duration * fps + 1e-6);
  const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const out: ResearchItem[] = [];
  for (let n = 0; n < count; n++) {
    await new Promise((r) => {
      video.onseeked = r;
      video.currentTime = (n + 0.5) / fps;
    });
    ctx.drawImage(video, 0, 0);
    out.push(toItem(lm.detectForVideo(canvas, Math.round((n * 1000) / fps) + 1), canvas.width, canvas.height, n));
  }
  URL.revokeObjectURL(video.src);
  return out;
}

/** Installs `window.selfviewResearch` for the files of `input`. */
export function exposeResearch(input: HTMLInputElement): void {
  const make = (mode: 'IMAGE' | 'VIDEO'): Promise<FaceLandmarker> =>
    FaceLandmarker.createFromOptions(
      { wasmLoaderPath: url(ASSET_PATHS.wasmLoader), wasmBinaryPath: url(ASSET_PATHS.wasmBinary) },
      {
        baseOptions: { modelAssetPath: url(ASSET_PATHS.model), delegate: 'CPU' },
        runningMode: mode, numFaces: 1, outputFaceBlendshapes: true, outputFacialTransformationMatrixes: true,
      },
    );
  let image: Promise<FaceLandmarker> | null = null;
  window.selfviewResearch = async (i, opts) => {
    const file = input.files?.[i];
    if (!file) throw new Error(`No file #${i}.`);
    if (opts.video) {
      const lm = await make('VIDEO'); // a fresh tracker per clip, as a new call starts one
      try {
        return await videoFrames(file, lm, opts.video.fps);
      } finally {
        lm.close();
      }
    }
    image ??= make('IMAGE');
    const lm = await image;
    const bitmap = await createImageBitmap(file);
    try {
      return (opts.transforms ?? [{}]).map((t) => {
        const c = draw(bitmap, t);
        return toItem(lm.detect(c), c.width, c.height);
      });
    } finally {
      bitmap.close();
    }
  };
}
