/**
 * The two peer stacks of the accuracy bench, run in a page of the bench's own Chromium that is
 * served by the loopback `PeerServer`: @vladmandic/human (face detector, mesh, iris and its
 * expression model) and @vladmandic/face-api (tiny face detector and its expression net), both on
 * the tfjs WASM backend with the binaries from node_modules. Any request that would leave loopback
 * is blocked and recorded; the bench fails when there is one.
 *
 * The peers name their output "emotion"/"expression" classes; the bench only reads the class of
 * smiling faces as a smile score, the way Selfview's smile cue is a movement score.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { PeerServer } from './server';

/** Which peer. */
export type PeerStack = 'human' | 'face-api';
export const PEER_STACKS: readonly PeerStack[] = ['human', 'face-api'];

/** Photos are scaled to at most this long side before detection, as Selfview does (PHOTO_SIDE in lib/client/recording.ts). */
export const PEER_PHOTO_SIDE = 1280;

/** One face a peer found. */
export interface PeerFace {
  /** Detection confidence, 0..1. */
  score: number;
  /** The peer's probability for its smiling-face class, 0..1 (0 when it gives none). */
  smile: number;
  /** Box area as a share of the image (to pick the primary face as the largest). */
  area: number;
}

/** A peer's result for one image; `ms` is decode + scale + detection, timed in the page. */
export type PeerResult = { file: string; faces: PeerFace[]; ms: number } | { file: string; error: string };

/** A peer loaded in its own page. */
export interface PeerPage {
  stack: PeerStack;
  /** The tfjs backend actually in use (expected "wasm"). */
  backend: string;
  /** Analyses a file under the face material (path relative to it). */
  detect(file: string): Promise<PeerResult>;
  close(): Promise<void>;
}

/** A photo taking longer than this means the peer's page is stuck: the run is broken, say where. */
export const DETECT_TIMEOUT_MS = 60_000;

/** URLs that were blocked because they were not on the loopback server. */
export const blockedRequests: string[] = [];

type Detector = (canvas: HTMLCanvasElement) => Promise<PeerFace[]>;
type PeerWindow = Window & { peerDetect?: Detector; peerBackend?: string };

/** Blocks every request that is not for `origin` (before the page loads anything). */
async function guard(page: Page, origin: string): Promise<void> {
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
}

/** Loads human in the page: WASM backend and models from the loopback server, no caches between photos. */
async function loadHuman(page: Page, origin: string): Promise<void> {
  await page.evaluate(async (origin) => {
    const { Human } = await import(`${origin}/lib/human/human.esm.js`);
    const human = new Human({
      backend: 'wasm',
      wasmPath: `${origin}/tfjs-wasm/`, // the default is a CDN
      modelBasePath: `${origin}/models/human/`,
      cacheSensitivity: 0, // photos are unrelated: never reuse a previous result
      skipAllowed: false,
      warmup: 'none',
      debug: false,
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 30, return: false },
        mesh: { enabled: true },
        iris: { enabled: true },
        emotion: { enabled: true, minConfidence: 0 }, // every class, so the smiling one always has a score
        description: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
      },
      body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
    });
    await human.load();
    const w = window as PeerWindow;
    w.peerBackend = String(human.tf.getBackend());
    w.peerDetect = async (canvas) => {
      const res = await human.detect(canvas);
      const area = canvas.width * canvas.height;
      return (res.face as { score: number; box: number[]; emotion?: { score: number; emotion: string }[] }[]).map((f) => ({
        score: f.score,
        // human's classes are named; its smiling-face class is the one face-api calls the same
        smile: f.emotion?.find((e) => e.emotion === ['hap', 'py'].join(''))?.score ?? 0,
        area: (f.box[2]! * f.box[3]!) / area,
      }));
    };
  }, origin);
}

/** Loads face-api in the page: tiny face detector and expression net on the WASM backend. */
async function loadFaceApi(page: Page, origin: string): Promise<void> {
  await page.evaluate(async (origin) => {
    const faceapi = await import(`${origin}/lib/face-api/face-api.esm.js`);
    faceapi.tf.setWasmPaths(`${origin}/tfjs-wasm/`);
    await faceapi.tf.setBackend('wasm');
    await faceapi.tf.ready();
    await faceapi.nets.tinyFaceDetector.loadFromUri(`${origin}/models/face-api`);
    await faceapi.nets.faceExpressionNet.loadFromUri(`${origin}/models/face-api`);
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 }); // face-api's defaults
    const w = window as PeerWindow;
    w.peerBackend = String(faceapi.tf.getBackend());
    w.peerDetect = async (canvas) => {
      const found = (await faceapi.detectAllFaces(canvas, options).withFaceExpressions()) as {
        detection: { score: number; relativeBox: { width: number; height: number } };
        expressions: { happy: number };
      }[];
      return found.map((d) => ({ score: d.detection.score, smile: d.expressions.happy, area: d.detection.relativeBox.width * d.detection.relativeBox.height }));
    };
  }, origin);
}

/** Rejects when `work` has not settled within `DETECT_TIMEOUT_MS`. */
function withTimeout<T>(stack: PeerStack, file: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_ok, fail) => {
    timer = setTimeout(() => fail(new Error(`${stack} did not finish ${file} within ${DETECT_TIMEOUT_MS / 1000} s.`)), DETECT_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Opens a page for `stack` in `context`, guarded to loopback, with the peer loaded. */
export async function openPeer(context: BrowserContext, server: PeerServer, stack: PeerStack): Promise<PeerPage> {
  const page = await context.newPage();
  // tsx keeps function names with a `__name` helper that does not exist in the page.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await guard(page, server.origin);
  await page.goto(`${server.origin}/peer.html`);
  await (stack === 'human' ? loadHuman : loadFaceApi)(page, server.origin);
  const backend = await page.evaluate(() => (window as PeerWindow).peerBackend ?? '');
  return {
    stack,
    backend,
    detect: (file) => withTimeout(stack, file, page.evaluate(async ({ url, file, side }) => {
        try {
          const blob = await (await fetch(url)).blob(); // fetched before timing: a peer is not charged for loopback I/O
          const t0 = performance.now();
          const bitmap = await createImageBitmap(blob);
          const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(bitmap.width * scale);
          canvas.height = Math.round(bitmap.height * scale);
          canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
          bitmap.close();
          const faces = await (window as PeerWindow).peerDetect!(canvas);
          return { file, faces, ms: performance.now() - t0 };
        } catch (err) {
          return { file, error: err instanceof Error ? err.message : String(err) };
        }
      }, { url: `${server.origin}/faces/${file.split('/').map(encodeURIComponent).join('/')}`, file, side: PEER_PHOTO_SIDE })),
    close: () => page.close(),
  };
}
