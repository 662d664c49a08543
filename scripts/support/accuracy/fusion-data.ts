/**
 * The browser half of the smile-fusion experiment, shaped so the accuracy bench can call it: per
 * photo, face-api's smiling-face probability on the whole photo (its own tiny face detector, as the
 * peer bench runs it) and the same class from its expression net alone on the crop MediaPipe found;
 * and the expression net's time per call on call-size crops.
 */
import { loadavg } from 'node:os';
import type { BrowserContext } from 'playwright-core';
import { summarise, type Summary } from '../perf/stats';
import { openExpressionCrop, NET_INPUT, type CropItem } from '../peers/expression-crop';
import { mediaPipeAvailable } from '../peers/mediapipe-page';
import type { PeerServer } from '../peers/server';
import { openPeer, type PeerFace } from '../peers/stacks';

/** Options of `collectFusionData`. */
export interface FusionDataOptions {
  /** Long side of the call-size frame the crop is cut from (bench:perf's call frames are 320). */
  frameSide?: number;
  /** Crop enlargements to score; the first is the one that is timed. */
  enlarge?: number[];
  /** Timed calls of the expression net, and untimed warm-up calls before them. */
  calls?: number;
  warmup?: number;
  /** Also time MediaPipe's detection on the same frames in the same page (default: when the build has it). */
  mediapipe?: boolean;
  /** Progress lines. */
  log?: (s: string) => void;
}

/** One photo's scores. */
export interface FusionPhoto {
  /** face-api on the whole photo: the largest face's probability; null when it found no face. */
  whole: number | null;
  wholeFaces: number;
  /** face-api's time for the whole photo (decode, scale, detector, expression net). */
  wholeMs: number;
  /** Expression net on the MediaPipe crop, per enlargement (key: the enlargement as written, e.g. "1.2"). */
  crop: Record<string, number>;
}

/** What `collectFusionData` returns. */
export interface FusionData {
  perFile: Record<string, FusionPhoto>;
  timing: {
    what: string;
    backend: string;
    simd: boolean;
    threads: boolean;
    crossOriginIsolated: boolean;
    frameSide: number;
    enlarge: number;
    calls: number;
    warmup: number;
    /** Cutting the crop out of the frame. */
    cropMs: Summary;
    /** face-api's predictExpressions on the crop canvas: the expression net as face-api runs it. */
    netMs: Summary;
    /** cropMs + netMs: a score from a frame and a box. */
    totalMs: Summary;
    /** getImageData → tensor → net: the same net without face-api's canvas copy. */
    leanMs: Summary;
    /** The net on a ready 112×112 tensor: its floor on this backend. */
    tensorMs: Summary;
    /** MediaPipe detection (VIDEO mode) on the same frame, same page and load; null when not run. */
    mediapipeMs: Summary | null;
    /** 1-minute load average of the machine before and after the timed calls (2 shared cores). */
    loadAverage: { before: number; after: number };
  };
}

const primary = (faces: PeerFace[]): PeerFace | undefined => [...faces].sort((a, b) => b.area - a.area)[0];

/** Runs both face-api variants over `items` in `context` (pages guarded to the loopback `server`). */
export async function collectFusionData(context: BrowserContext, server: PeerServer, items: readonly CropItem[], opts: FusionDataOptions = {}): Promise<FusionData> {
  const { frameSide = 320, enlarge = [1.2], calls = 300, warmup = 30, mediapipe = mediaPipeAvailable(), log = () => {} } = opts;
  if (!items.length) throw new Error('collectFusionData: no photos');
  const perFile: Record<string, FusionPhoto> = {};

  log(`face-api on ${items.length} whole photos`);
  const peer = await openPeer(context, server, 'face-api');
  try {
    if (peer.backend !== 'wasm') throw new Error(`face-api runs on "${peer.backend}", not the WASM backend.`);
    await peer.detect(items[0]!.file); // warm-up: first-call kernel set-up is not a per-photo cost
    for (const it of items) {
      const r = await peer.detect(it.file);
      if ('error' in r) throw new Error(`face-api failed on ${it.file}: ${r.error}`);
      perFile[it.file] = { whole: primary(r.faces)?.smile ?? null, wholeFaces: r.faces.length, wholeMs: r.ms, crop: {} };
    }
  } finally {
    await peer.close(); // one model page at a time: the timing below should not share the cores with it
  }

  log(`expression net on ${items.length} MediaPipe crops (${frameSide}-px frames, ${NET_INPUT}×${NET_INPUT})`);
  const crop = await openExpressionCrop(context, server, items, frameSide, mediapipe);
  try {
    if (crop.backend !== 'wasm') throw new Error(`the expression net runs on "${crop.backend}", not the WASM backend.`);
    for (const e of enlarge) {
      const scores = await crop.score(e);
      for (const it of items) perFile[it.file]!.crop[String(e)] = scores[it.file]!;
    }
    log(`timing ${calls} calls after ${warmup} warm-up calls`);
    const before = loadavg()[0]!;
    const t = await crop.time(enlarge[0]!, calls, warmup);
    const after = loadavg()[0]!;
    return {
      perFile,
      timing: {
        what: `per call, interleaved: crop cut from a ${frameSide}-px frame at ${NET_INPUT}×${NET_INPUT}; face-api's predictExpressions on it; `
          + 'the lean path; the net on a ready tensor; MediaPipe on the frame. Softmax read back each time; performance.now() in the page',
        backend: crop.backend, simd: crop.simd, threads: crop.threads, crossOriginIsolated: crop.crossOriginIsolated,
        frameSide, enlarge: enlarge[0]!, calls, warmup,
        cropMs: summarise(t.cropMs), netMs: summarise(t.netMs), totalMs: summarise(t.cropMs.map((c, i) => c + t.netMs[i]!)),
        leanMs: summarise(t.leanMs), tensorMs: summarise(t.tensorMs), mediapipeMs: t.mediapipeMs.length ? summarise(t.mediapipeMs) : null,
        loadAverage: { before, after },
      },
    };
  } finally {
    await crop.close();
  }
}
