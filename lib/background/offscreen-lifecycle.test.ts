// Protects the offscreen document's lifecycle: created once even when requests race, never created twice, closed only when it exists.
import { describe, expect, it } from 'vitest';
import { offscreenLifecycle, type OffscreenApi } from './offscreen-lifecycle';

/** A fake offscreen API whose calls take `delayMs` and which, like Chrome, refuses a second document. */
function fakeApi(opts: { exists?: boolean; delayMs?: number; failCreate?: boolean } = {}) {
  let exists = opts.exists ?? false;
  const calls = { has: 0, create: 0, close: 0 };
  const wait = (): Promise<void> => new Promise((r) => setTimeout(r, opts.delayMs ?? 5));
  const api: OffscreenApi = {
    async hasDocument() {
      calls.has++;
      await wait();
      return exists;
    },
    async createDocument() {
      calls.create++;
      await wait();
      if (opts.failCreate) throw new Error('creation refused');
      if (exists) throw new Error('Only a single offscreen document may be created.');
      exists = true;
    },
    async closeDocument() {
      calls.close++;
      await wait();
      if (!exists) throw new Error('No current offscreen document.');
      exists = false;
    },
  };
  return { api, calls, exists: () => exists };
}

describe('offscreenLifecycle', () => {
  it('creates exactly one document for two concurrent ensure() calls', async () => {
    const f = fakeApi();
    const life = offscreenLifecycle(f.api);
    const [a, b] = await Promise.all([life.ensure(), life.ensure()]);
    expect(f.calls.create).toBe(1);
    expect(f.exists()).toBe(true);
    expect([a, b]).toEqual([{ created: true }, { created: true }]);
  });

  it('creates none when a document already exists', async () => {
    const f = fakeApi({ exists: true });
    expect(await offscreenLifecycle(f.api).ensure()).toEqual({ created: false });
    expect(f.calls.create).toBe(0);
  });

  it('checks again on a later ensure(), after the first one settled', async () => {
    const f = fakeApi();
    const life = offscreenLifecycle(f.api);
    expect(await life.ensure()).toEqual({ created: true });
    expect(await life.ensure()).toEqual({ created: false });
    expect(f.calls).toMatchObject({ has: 2, create: 1 });
  });

  it('is a no-op to close when no document exists', async () => {
    const f = fakeApi();
    expect(await offscreenLifecycle(f.api).close()).toEqual({ closed: false });
    expect(f.calls.close).toBe(0);
  });

  it('closes an existing document, and can create a new one afterwards', async () => {
    const f = fakeApi({ exists: true });
    const life = offscreenLifecycle(f.api);
    expect(await life.close()).toEqual({ closed: true });
    expect(f.exists()).toBe(false);
    expect(await life.ensure()).toEqual({ created: true });
    expect(f.calls.create).toBe(1);
  });

  it('waits for a creation in progress before closing', async () => {
    const f = fakeApi({ delayMs: 20 });
    const life = offscreenLifecycle(f.api);
    const ensuring = life.ensure();
    const closing = life.close();
    expect(await ensuring).toEqual({ created: true });
    expect(await closing).toEqual({ closed: true });
    expect(f.exists()).toBe(false);
  });

  it('passes a creation failure to every waiting caller and lets the next ensure() retry', async () => {
    const f = fakeApi({ failCreate: true });
    const life = offscreenLifecycle(f.api);
    const results = await Promise.allSettled([life.ensure(), life.ensure()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(f.calls.create).toBe(1);
    await expect(life.ensure()).rejects.toThrow('creation refused');
    expect(f.calls.create).toBe(2);
  });
});
