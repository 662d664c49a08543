/**
 * Build-time (Node only) resolution of the Face Landmarker model that gets bundled into the
 * extension. The model is never committed: it comes from a local path, or — only where a network
 * exists — from the official URL, and its SHA-256 is checked in every case.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** SHA-256 of the official float16 v1 `face_landmarker.task` (3,758,596 bytes). */
export const MODEL_SHA256 = '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff';
/** Where Google publishes the model; used only when no local copy exists. */
export const MODEL_URL =
  'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task';
/** Environment variable that points the build at a local copy of the model. */
export const MODEL_ENV = 'SELFVIEW_MODEL';

/** Thrown with a message that tells the person building exactly what to do. */
export class ModelSourceError extends Error {
  override name = 'ModelSourceError';
}

/** The model path to use: `$SELFVIEW_MODEL`, else `../shared/models/face_landmarker.task` beside the repo. */
export function modelPath(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[MODEL_ENV]?.trim();
  return fromEnv ? resolve(root, fromEnv) : resolve(root, '../shared/models/face_landmarker.task');
}

/** Hex SHA-256 of a buffer. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws unless `bytes` is the official model. */
export function verifyModel(bytes: Uint8Array, where: string): void {
  const got = sha256(bytes);
  if (got !== MODEL_SHA256) {
    throw new ModelSourceError(
      `The Face Landmarker model at ${where} is not the official file (SHA-256 ${got}, expected ` +
        `${MODEL_SHA256}, ${bytes.byteLength} bytes). Replace it with face_landmarker.task from ` +
        `${MODEL_URL} or point ${MODEL_ENV} at a correct copy.`,
    );
  }
}

type Fetcher = (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * Returns the path of a verified model file: `$SELFVIEW_MODEL` (and only it, when set), else the
 * default local path, else a previous download in `cacheFile`, else a fresh download there.
 * Throws `ModelSourceError` with instructions when none works.
 */
export async function ensureModel(opts: {
  root: string;
  cacheFile: string;
  env?: NodeJS.ProcessEnv;
  fetcher?: Fetcher;
  timeoutMs?: number;
}): Promise<string> {
  const local = modelPath(opts.root, opts.env);
  if (existsSync(local)) {
    verifyModel(readFileSync(local), local);
    return local;
  }
  // An explicit path is an instruction: do not silently use another copy.
  if ((opts.env ?? process.env)[MODEL_ENV]?.trim()) {
    throw new ModelSourceError(
      `The Face Landmarker model was not found at ${local} (set by ${MODEL_ENV}). Point ${MODEL_ENV} at face_landmarker.task, ` +
        `or unset it to use ../shared/models/face_landmarker.task or a download from ${MODEL_URL}.`,
    );
  }
  if (existsSync(opts.cacheFile)) {
    verifyModel(readFileSync(opts.cacheFile), opts.cacheFile);
    return opts.cacheFile;
  }
  const fetcher = opts.fetcher ?? (globalThis.fetch as unknown as Fetcher);
  let bytes: Uint8Array;
  try {
    const res = await fetcher(MODEL_URL, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new ModelSourceError(
      `The Face Landmarker model was not found at ${local} and could not be downloaded ` +
        `(${(err as Error).message}). Either put face_landmarker.task there, or set ${MODEL_ENV}=/path/to/face_landmarker.task, ` +
        `or build on a machine that can reach ${MODEL_URL}.`,
    );
  }
  verifyModel(bytes, MODEL_URL);
  mkdirSync(dirname(opts.cacheFile), { recursive: true });
  writeFileSync(opts.cacheFile, bytes);
  return opts.cacheFile;
}
