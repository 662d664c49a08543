/**
 * Loads the bundled model with byte-level progress and a timeout, so the user sees it coming and
 * a stuck load ends in a clear error instead of a spinner.
 */

/** Progress callback: `fraction` 0..1 of the current stage. */
export type ProgressFn = (stage: 'runtime' | 'model' | 'init', fraction: number) => void;

/** Rejects with `message` if `p` has not settled within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Fetches `url` into memory, reporting progress; errors name the file so a broken package is obvious. */
export async function fetchWithProgress(url: string, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new Error(`The face model is missing from this Selfview package (${url}). Reinstall or rebuild the extension.`);
  }
  if (!res.ok || !res.body) throw new Error(`The face model could not be read (${url}: HTTP ${res.status}). Reinstall or rebuild the extension.`);
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.byteLength;
    if (total) onProgress(Math.min(1, got / total));
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  onProgress(1);
  return out;
}
