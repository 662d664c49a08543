// Protects the page-world hook's messages: only a well-formed state from our hook is read; anything a page could post otherwise is ignored.
import { describe, expect, it } from 'vitest';
import { HOOK_SOURCE, parseHookState } from './hook-protocol';

const valid = { source: HOOK_SOURCE, cameraOn: true, deviceId: 'abc123', label: 'FaceTime HD Camera', inCall: true };

describe('parseHookState', () => {
  it.each([
    valid,
    { source: HOOK_SOURCE, cameraOn: false, deviceId: null, label: null, inCall: false },
    { source: HOOK_SOURCE, cameraOn: true, deviceId: '', label: '', inCall: false },
    { source: HOOK_SOURCE, cameraOn: false, deviceId: 'x'.repeat(512), label: 'y'.repeat(512), inCall: true },
  ])('accepts a valid state %#', (state) => {
    expect(parseHookState(state)).toEqual(state);
  });

  it('returns only the known fields, not whatever else the message carried', () => {
    const parsed = parseHookState({ ...valid, frames: [1, 2, 3], __proto__x: 1 });
    expect(parsed).toEqual(valid);
    expect(Object.keys(parsed!).sort()).toEqual(['cameraOn', 'deviceId', 'inCall', 'label', 'source']);
  });

  it.each([
    ['another source', { ...valid, source: 'some-page' }],
    ['no source', { cameraOn: true, deviceId: null, inCall: true }],
    ['cameraOn as a string', { ...valid, cameraOn: 'true' }],
    ['cameraOn as a number', { ...valid, cameraOn: 1 }],
    ['cameraOn missing', { source: HOOK_SOURCE, deviceId: null, inCall: true }],
    ['inCall as a string', { ...valid, inCall: 'yes' }],
    ['inCall missing', { source: HOOK_SOURCE, cameraOn: true, deviceId: null }],
    ['deviceId as a number', { ...valid, deviceId: 42 }],
    ['deviceId as an object', { ...valid, deviceId: { id: 'x' } }],
    ['deviceId missing (undefined)', { source: HOOK_SOURCE, cameraOn: true, inCall: true }],
    ['a huge deviceId', { ...valid, deviceId: 'x'.repeat(513) }],
    ['a 1 MB deviceId', { ...valid, deviceId: 'x'.repeat(1 << 20) }],
    ['label as a number', { ...valid, label: 7 }],
    ['a huge label', { ...valid, label: 'x'.repeat(513) }],
  ])('rejects %s', (_what, data) => {
    expect(parseHookState(data)).toBeNull();
  });

  it.each([null, undefined, HOOK_SOURCE, JSON.stringify(valid), 1, true, [], [HOOK_SOURCE, true, null, true], Object.values(valid)])('rejects a non-object message %#', (data) => {
    expect(parseHookState(data)).toBeNull();
  });
});
