// Protects how outcomes cross contexts: failures become { error } messages, and unwrap turns them back into errors.
import { describe, expect, it } from 'vitest';
import { toResult, unwrap, type Result } from './result';

describe('toResult', () => {
  it('wraps a value, sync or async', async () => {
    expect(await toResult(() => 5)).toEqual({ data: 5 });
    expect(await toResult(async () => ({ created: true }))).toEqual({ data: { created: true } });
    expect(await toResult(() => undefined)).toEqual({ data: undefined });
  });

  it('turns a thrown Error or a rejection into its message', async () => {
    expect(await toResult(() => { throw new Error('no camera'); })).toEqual({ error: 'no camera' });
    expect(await toResult(() => Promise.reject(new TypeError('bad frame')))).toEqual({ error: 'bad frame' });
  });

  it('turns a thrown non-Error into a string', async () => {
    expect(await toResult(() => { throw 'plain'; })).toEqual({ error: 'plain' });
    expect(await toResult(() => Promise.reject(42))).toEqual({ error: '42' });
  });
});

describe('unwrap', () => {
  it('returns the data, even when it is falsy', () => {
    expect(unwrap({ data: 7 })).toBe(7);
    expect(unwrap({ data: 0 })).toBe(0);
    expect(unwrap<null>({ data: null })).toBeNull();
  });

  it('throws an Error with the message', () => {
    expect(() => unwrap({ error: 'engine failed to load' })).toThrow(new Error('engine failed to load'));
  });

  it('round-trips through toResult', async () => {
    const ok: Result<string> = await toResult(() => 'ready');
    expect(unwrap(ok)).toBe('ready');
    const bad: Result<string> = await toResult(async () => { throw new Error('timeout'); });
    expect(() => unwrap(bad)).toThrow('timeout');
  });
});
