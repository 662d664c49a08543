// Protects the engine's gate on incoming port messages: well-formed frames pass, anything else is null (never a throw).
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_SIDE, parseClientMessage } from './frame-port';

const valid = () => ({ type: 'frame', id: 3, ts: 1234.5, still: false, sentAt: 99.25, width: 4, height: 2, data: new Uint8ClampedArray(4 * 2 * 4) });

describe('parseClientMessage', () => {
  it('accepts a well-formed frame and returns exactly its fields', () => {
    const m = valid();
    const parsed = parseClientMessage(m);
    expect(parsed).toEqual(m);
    expect(parsed).not.toBe(m);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parseClientMessage({ ...valid(), still: true, width: MAX_FRAME_SIDE, height: 1, data: new Uint8ClampedArray(MAX_FRAME_SIDE * 4) })).not.toBeNull();
  });

  it('accepts the end message', () => {
    expect(parseClientMessage({ type: 'end' })).toEqual({ type: 'end' });
  });

  it.each([null, undefined, 'frame', 42, true, [], [valid()], {}, { type: 'frames' }, { type: 'FRAME' }])('rejects %j', (msg) => {
    expect(parseClientMessage(msg)).toBeNull();
  });

  it.each([
    ['id as a string', { id: '3' }],
    ['id NaN', { id: NaN }],
    ['ts NaN', { ts: NaN }],
    ['ts Infinity', { ts: Infinity }],
    ['sentAt missing', { sentAt: undefined }],
    ['still as a string', { still: 'true' }],
    ['still as 1', { still: 1 }],
    ['width fractional', { width: 4.5 }],
    ['width as a string', { width: '4' }],
    ['width 0', { width: 0, data: new Uint8ClampedArray(0) }],
    ['height negative', { height: -2 }],
    ['width over MAX_FRAME_SIDE', { width: MAX_FRAME_SIDE + 1, height: 1, data: new Uint8ClampedArray((MAX_FRAME_SIDE + 1) * 4) }],
    ['height over MAX_FRAME_SIDE', { width: 1, height: MAX_FRAME_SIDE + 1, data: new Uint8ClampedArray((MAX_FRAME_SIDE + 1) * 4) }],
    ['data one pixel short', { data: new Uint8ClampedArray(4 * 2 * 4 - 4) }],
    ['data one byte long', { data: new Uint8ClampedArray(4 * 2 * 4 + 1) }],
    ['data a plain array', { data: Array.from({ length: 32 }, () => 0) }],
    ['data a Uint8Array', { data: new Uint8Array(32) }],
    ['data an ArrayBuffer', { data: new ArrayBuffer(32) }],
    ['data missing', { data: undefined }],
    ['data an array-like object', { data: { length: 32 } }],
  ])('rejects a frame with %s', (_what, change) => {
    expect(parseClientMessage({ ...valid(), ...change })).toBeNull();
  });

  it('rejects, without throwing, an object that only pretends to be a Uint8ClampedArray', () => {
    const fake = Object.create(Uint8ClampedArray.prototype) as Uint8ClampedArray;
    expect(fake instanceof Uint8ClampedArray).toBe(true);
    expect(() => parseClientMessage({ ...valid(), data: fake })).not.toThrow();
    expect(parseClientMessage({ ...valid(), data: fake })).toBeNull();
  });

  it('carries no extra or prototype-borne keys into the result', () => {
    const polluted = JSON.parse(JSON.stringify({ ...valid(), data: null }).replace('{', '{"__proto__":{"polluted":true},"extra":1,')) as Record<string, unknown>;
    polluted.data = new Uint8ClampedArray(32);
    const parsed = parseClientMessage(polluted) as Record<string, unknown> | null;
    expect(parsed).not.toBeNull();
    expect(Object.keys(parsed!).sort()).toEqual(['data', 'height', 'id', 'sentAt', 'still', 'ts', 'type', 'width']);
    expect(parsed!.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a __proto__ key that tries to swap in a fake type', () => {
    const m = JSON.parse('{"__proto__":{"type":"frame"},"id":1}') as unknown;
    expect(parseClientMessage(m)).toBeNull();
  });
});
