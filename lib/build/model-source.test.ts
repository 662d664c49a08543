// Protects the build's model source: only the official model (by SHA-256) is bundled, and every failure says what to do.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureModel, MODEL_ENV, MODEL_SHA256, MODEL_URL, ModelSourceError, modelPath, sha256, verifyModel } from './model-source';

const ROOT = resolve(import.meta.dirname, '../..');
const REAL = modelPath(ROOT, {});
const HAVE_REAL = existsSync(REAL);
if (!HAVE_REAL) console.warn(`model-source tests that need the real model are skipped: no file at ${REAL}`);
const realBytes = (): Uint8Array => new Uint8Array(readFileSync(REAL));

const tmp = mkdtempSync(join(tmpdir(), 'selfview-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const dir = join(tmp, String(n++));
  mkdirSync(dir);
  return dir;
};
/** A fetcher that answers with `bytes` (or an HTTP status) and counts its calls. */
function fetcher(answer: Uint8Array | number | Error) {
  const calls: string[] = [];
  const fn = async (url: string) => {
    calls.push(url);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'number') return { ok: false, status: answer, arrayBuffer: async () => new ArrayBuffer(0) };
    return { ok: true, status: 200, arrayBuffer: async () => answer.slice().buffer as ArrayBuffer };
  };
  return { fn, calls };
}

describe('modelPath', () => {
  it('defaults to ../shared/models/face_landmarker.task beside the repo', () => {
    expect(modelPath('/repo/main', {})).toBe('/repo/shared/models/face_landmarker.task');
    expect(modelPath('/repo/main', { [MODEL_ENV]: '   ' })).toBe('/repo/shared/models/face_landmarker.task');
  });

  it(`is overridden by ${MODEL_ENV}, relative paths resolved from the repo root`, () => {
    expect(modelPath('/repo/main', { [MODEL_ENV]: '/opt/m/face.task' })).toBe('/opt/m/face.task');
    expect(modelPath('/repo/main', { [MODEL_ENV]: ' models/face.task ' })).toBe('/repo/main/models/face.task');
  });
});

describe.skipIf(!HAVE_REAL)('the real model', () => {
  it('has the pinned SHA-256 and verifies', () => {
    const bytes = realBytes();
    expect(bytes.byteLength).toBe(3_758_596);
    expect(sha256(bytes)).toBe(MODEL_SHA256);
    expect(() => verifyModel(bytes, REAL)).not.toThrow();
  });

  it('is used from the default path without any download', async () => {
    const f = fetcher(new Error('must not fetch'));
    const cacheFile = join(fresh(), 'cache/face_landmarker.task');
    expect(await ensureModel({ root: ROOT, cacheFile, env: {}, fetcher: f.fn })).toBe(REAL);
    expect(f.calls).toEqual([]);
    expect(existsSync(cacheFile)).toBe(false);
  });

  it(`is used from ${MODEL_ENV} when set`, async () => {
    const dir = fresh();
    const copy = join(dir, 'copy.task');
    writeFileSync(copy, realBytes());
    expect(await ensureModel({ root: ROOT, cacheFile: join(dir, 'cache.task'), env: { [MODEL_ENV]: copy }, fetcher: fetcher(new Error('must not fetch')).fn })).toBe(copy);
  });

  it('is downloaded into the cache when no local copy exists, and the cache is used next time', async () => {
    const dir = fresh();
    const cacheFile = join(dir, 'nested/cache/face_landmarker.task');
    const f = fetcher(realBytes());
    expect(await ensureModel({ root: join(dir, 'repo'), cacheFile, env: {}, fetcher: f.fn })).toBe(cacheFile);
    expect(f.calls).toEqual([MODEL_URL]);
    expect(sha256(readFileSync(cacheFile))).toBe(MODEL_SHA256);
    const again = fetcher(new Error('must not fetch'));
    expect(await ensureModel({ root: join(dir, 'repo'), cacheFile, env: {}, fetcher: again.fn })).toBe(cacheFile);
    expect(again.calls).toEqual([]);
  });

  it(`does not fall back to a cached copy when ${MODEL_ENV} names a missing file`, async () => {
    const dir = fresh();
    const cacheFile = join(dir, 'cache.task');
    writeFileSync(cacheFile, realBytes());
    const absent = join(dir, 'absent.task');
    const f = fetcher(realBytes());
    const err = await ensureModel({ root: join(dir, 'repo'), cacheFile, env: { [MODEL_ENV]: absent }, fetcher: f.fn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelSourceError);
    expect((err as Error).message).toContain(absent);
    expect((err as Error).message).toContain(MODEL_ENV);
    expect(f.calls).toEqual([]);
  });
});

describe('ensureModel failures', () => {
  it('rejects a wrong local file, naming the path, the expected SHA-256 and what to do', async () => {
    const dir = fresh();
    const wrong = join(dir, 'face_landmarker.task');
    writeFileSync(wrong, 'this is not a model');
    const err = await ensureModel({ root: ROOT, cacheFile: join(dir, 'cache.task'), env: { [MODEL_ENV]: wrong }, fetcher: fetcher(new Error('x')).fn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelSourceError);
    const msg = (err as Error).message;
    expect(msg).toContain(wrong);
    expect(msg).toContain(MODEL_SHA256);
    expect(msg).toContain(sha256(new TextEncoder().encode('this is not a model')));
    expect(msg).toContain('19 bytes');
    expect(msg).toContain(MODEL_URL);
    expect(msg).toContain(MODEL_ENV);
  });

  it(`explains ${MODEL_ENV} when the model is missing and cannot be downloaded`, async () => {
    const dir = fresh();
    const root = join(dir, 'repo');
    for (const answer of [new Error('getaddrinfo ENOTFOUND'), 404]) {
      const f = fetcher(answer);
      const err = await ensureModel({ root, cacheFile: join(dir, 'cache.task'), env: {}, fetcher: f.fn }).catch((e: unknown) => e);
      expect(f.calls).toEqual([MODEL_URL]);
      expect(err).toBeInstanceOf(ModelSourceError);
      const msg = (err as Error).message;
      expect(msg).toContain(modelPath(root, {}));
      expect(msg).toContain(`${MODEL_ENV}=`);
      expect(msg).toContain(answer instanceof Error ? 'ENOTFOUND' : 'HTTP 404');
    }
  });

  it(`names ${MODEL_ENV} when the file it points at is missing`, async () => {
    const dir = fresh();
    const absent = join(dir, 'absent.task');
    const err = await ensureModel({ root: join(dir, 'repo'), cacheFile: join(dir, 'cache.task'), env: { [MODEL_ENV]: absent }, fetcher: fetcher(new Error('x')).fn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelSourceError);
    expect((err as Error).message).toContain(absent);
    expect((err as Error).message).toContain(`set by ${MODEL_ENV}`);
  });

  it('rejects downloaded bytes that are not the model and writes no cache', async () => {
    const dir = fresh();
    const cacheFile = join(dir, 'cache/face_landmarker.task');
    const err = await ensureModel({ root: join(dir, 'repo'), cacheFile, env: {}, fetcher: fetcher(new TextEncoder().encode('<html>captive portal</html>')).fn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelSourceError);
    expect((err as Error).message).toContain(MODEL_URL);
    expect(existsSync(cacheFile)).toBe(false);
  });

  it('rejects a corrupted cache, naming the cache file', async () => {
    const dir = fresh();
    const cacheFile = join(dir, 'cache.task');
    writeFileSync(cacheFile, 'truncated');
    await expect(ensureModel({ root: join(dir, 'repo'), cacheFile, env: {}, fetcher: fetcher(new Error('x')).fn })).rejects.toThrow(cacheFile);
  });
});
