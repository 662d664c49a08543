// Model loading reports byte progress, names a missing file, and gives up after the timeout.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWithProgress, withTimeout } from './load-model';

afterEach(() => vi.unstubAllGlobals());

describe('withTimeout', () => {
  it('passes a result through when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'late')).resolves.toBe(7);
  });
  it('rejects with the given message when it is not', async () => {
    vi.useFakeTimers();
    const never = new Promise<number>(() => undefined);
    const p = withTimeout(never, 30_000, 'The face model did not load within 30 s.');
    vi.advanceTimersByTime(30_001);
    await expect(p).rejects.toThrow('The face model did not load within 30 s.');
    vi.useRealTimers();
  });
});

describe('fetchWithProgress', () => {
  it('reassembles the body and reports increasing progress up to 1', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        chunks.forEach((ch) => c.enqueue(ch));
        c.close();
      },
    });
    vi.stubGlobal('fetch', async () => new Response(body, { headers: { 'content-length': '6' } }));
    const seen: number[] = [];
    const bytes = await fetchWithProgress('chrome-extension://x/models/face_landmarker.task', (f) => seen.push(f));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([0.5, 5 / 6, 1, 1]);
  });
  it('names the missing file and what to do', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchWithProgress('chrome-extension://x/models/face_landmarker.task', () => undefined)).rejects.toThrow(
      /face model is missing from this Selfview package \(chrome-extension:\/\/x\/models\/face_landmarker.task\)\. Reinstall or rebuild/,
    );
  });
  it('treats an HTTP error as a broken package', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    await expect(fetchWithProgress('u', () => undefined)).rejects.toThrow(/HTTP 404/);
  });
});
