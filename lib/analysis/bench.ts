/**
 * Measures the engine against a bare MediaPipe loop on the same frames, in the same page and run
 * (the machine is noisy, so only ratios within one run mean anything). Exposed on the analysis
 * page for `npm run bench:spine`; nothing here runs in normal use.
 */
import { FaceLandmarker } from '@mediapipe/tasks-vision';
import { browser } from 'wxt/browser';
import { ASSET_PATHS } from '../engine/asset-paths';
import { MAX_FACES } from '../engine/face-engine';
import type { Pixels } from '../engine/luma';
import { EngineClient } from '../client/engine-client';
import { FrameGrabber } from '../client/frame-grabber';
import { LIVE_FRAME_SIDE } from '../client/live-session';

/** Per-frame times in ms, one list per measure. */
export interface BenchResult {
  frames: number;
  engine: { roundTripMs: number[]; transferMs: number[]; detectMs: number[]; cueMs: number[]; engineMs: number[] };
  bare: { detectMs: number[] };
  delegate: string;
}

declare global {
  interface Window {
    selfviewBench?: (fileIndex: number, frames: number, rounds: number, side?: number) => Promise<BenchResult>;
  }
}

const url = (p: string): string => browser.runtime.getURL(`/${p}` as '/');

/** Decodes `count` frames spread over the video, at the live frame size. */
async function decodeFrames(file: File, count: number, side: number): Promise<Pixels[]> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(file);
  await new Promise((r) => (video.onloadeddata = r));
  const grabber = new FrameGrabber(side);
  const out: Pixels[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((r) => {
      video.onseeked = r;
      video.currentTime = (i / count) * video.duration;
    });
    const px = grabber.grab(video, video.videoWidth, video.videoHeight);
    out.push({ width: px.width, height: px.height, data: new Uint8ClampedArray(px.data) });
  }
  URL.revokeObjectURL(video.src);
  return out;
}

/** Installs `window.selfviewBench` for the files of `input`. */
export function exposeBench(input: HTMLInputElement): void {
  window.selfviewBench = async (fileIndex, count, rounds, side = LIVE_FRAME_SIDE) => {
    const file = input.files?.[fileIndex];
    if (!file) throw new Error('no file');
    const frames = await decodeFrames(file, count, side);
    const client = await EngineClient.connect();
    const ready = await client.ready();
    const bare = await FaceLandmarker.createFromOptions(
      { wasmLoaderPath: url(ASSET_PATHS.wasmLoader), wasmBinaryPath: url(ASSET_PATHS.wasmBinary) },
      {
        baseOptions: { modelAssetPath: url(ASSET_PATHS.model), delegate: ready.delegate },
        runningMode: 'VIDEO', numFaces: MAX_FACES, outputFaceBlendshapes: true, outputFacialTransformationMatrixes: true,
      },
    );
    const r: BenchResult = { frames: count, engine: { roundTripMs: [], transferMs: [], detectMs: [], cueMs: [], engineMs: [] }, bare: { detectMs: [] }, delegate: ready.delegate };
    let ts = 0;
    for (let round = 0; round < rounds; round++) {
      for (const px of frames) {
        ts += 100;
        const f = await client.analyse(px, ts);
        r.engine.roundTripMs.push(f.roundTripMs);
        r.engine.transferMs.push(f.timing.transferMs);
        r.engine.detectMs.push(f.timing.detectMs);
        r.engine.cueMs.push(f.timing.cueMs);
        r.engine.engineMs.push(f.timing.engineMs);
      }
      for (const px of frames) {
        ts += 100;
        const img = new ImageData(px.data as Uint8ClampedArray<ArrayBuffer>, px.width, px.height);
        const t0 = performance.now();
        bare.detectForVideo(img, ts);
        r.bare.detectMs.push(performance.now() - t0);
      }
    }
    bare.close();
    client.close();
    return r;
  };
}
