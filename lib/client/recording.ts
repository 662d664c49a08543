/**
 * "Analyse a recording": runs a local photo or video file through the same engine as the live
 * camera. Nothing is uploaded; the file is decoded in the page and only pixels go to the engine.
 */
import { imageRow, secondRow, type AnalysisRow } from '../analysis/rows';
import type { SecondAggregate } from '../cues/types';
import { EngineClient, type ClientFrame } from './engine-client';
import { FrameGrabber } from './frame-grabber';

/** Longest side a photo is analysed at (small faces in big photos stay detectable). */
export const PHOTO_SIDE = 1280;
/** Frames per second sampled from a video file (enough to count blinks). */
export const RECORDING_FPS = 10;

/** Largest file accepted, so a mistaken pick cannot exhaust memory. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** Options for `analyseFile`. */
export interface AnalyseOptions {
  onProgress?(fraction: number): void;
  /** Attach the frame observations to the rows (for recording test fixtures). */
  observations?: boolean;
}

/** Analyses one file; throws an Error with a plain message if it cannot be read. */
export async function analyseFile(file: File, opts: AnalyseOptions = {}): Promise<AnalysisRow[]> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  if (file.size === 0) throw new Error(`${file.name} is empty.`);
  const seconds: SecondAggregate[] = [];
  const client = await EngineClient.connect({ onSecond: (a) => void seconds.push(a) });
  try {
    await client.ready();
    if (!isVideo(file)) {
      const f = await analysePhoto(client, file);
      const row = imageRow(file.name, f.result);
      return [opts.observations ? { ...row, observations: [{ ts: 0, observation: f.observation }] } : row];
    }
    const frames = await playThrough(client, file, opts.onProgress ?? (() => undefined));
    const last = await client.end();
    if (last) seconds.push(last);
    return seconds.map((a) => {
      const row = secondRow(file.name, a);
      if (!opts.observations) return row;
      const inSecond = frames.filter((f) => Math.floor(f.ts / 1000) === a.t);
      return { ...row, observations: inSecond.map((f) => ({ ts: f.ts, observation: f.observation })) };
    });
  } finally {
    client.close();
  }
}

function isVideo(file: File): boolean {
  return file.type.startsWith('video/') || /\.(mp4|webm|mov|mkv|ogv|m4v)$/i.test(file.name);
}

async function analysePhoto(client: EngineClient, file: File): Promise<ClientFrame> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name} could not be read as an image or video.`);
  }
  const px = new FrameGrabber(PHOTO_SIDE).grab(bitmap, bitmap.width, bitmap.height);
  bitmap.close();
  return client.analyse(px, 0, true);
}

/** Seeks through the video at `RECORDING_FPS`, sending each frame with its media time. */
async function playThrough(client: EngineClient, file: File, onProgress: (fraction: number) => void): Promise<ClientFrame[]> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  try {
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error(`${file.name} could not be decoded as a video.`));
      video.src = url;
    });
    const duration = Number.isFinite(video.duration) ? video.duration : 0;
    if (!duration || !video.videoWidth) throw new Error(`${file.name} has no video frames.`);
    const grabber = new FrameGrabber(PHOTO_SIDE / 2);
    const count = Math.floor(duration * RECORDING_FPS);
    const frames: ClientFrame[] = [];
    for (let i = 0; i < count; i++) {
      const t = i / RECORDING_FPS;
      await seek(video, t);
      frames.push(await client.analyse(grabber.grab(video, video.videoWidth, video.videoHeight), t * 1000));
      onProgress((i + 1) / count);
    }
    return frames;
  } finally {
    URL.revokeObjectURL(url);
    video.removeAttribute('src');
  }
}

function seek(video: HTMLVideoElement, t: number): Promise<void> {
  return new Promise((resolve) => {
    video.onseeked = () => resolve();
    video.currentTime = t;
  });
}
