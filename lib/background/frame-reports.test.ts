// Protects what the background accepts from a call frame: a report must have exactly the expected
// shape and sizes (the content script relays what a page's world told it); a frame belongs to the
// call site of its own URL, or of the origin an about:blank frame inherits (Firefox: the tab's); and
// only the newest waiting report per frame is kept, handed out in frame order.
import { describe, expect, it } from 'vitest';
import { FrameReports, frameUrl, parseReport, type FrameReport } from './frame-reports';

const GOOD = { cameraOn: true, deviceId: 'cam-1', inCall: true, doc: '0a1b2c3d4e5f60718293a4b5' };

describe('parseReport', () => {
  it.each([
    ['a camera on in a call', GOOD],
    ['no device', { ...GOOD, deviceId: null, cameraOn: false, inCall: false }],
    ['an empty device id', { ...GOOD, deviceId: '' }],
    ['a device id of 512 characters', { ...GOOD, deviceId: 'd'.repeat(512) }],
    ['a doc id of 64 word characters and dashes', { ...GOOD, doc: `${'a_-9'.repeat(16)}` }],
  ])('accepts %s', (_, data) => {
    expect(parseReport(data)).toEqual(data);
  });

  it('keeps only the known fields', () => {
    expect(parseReport({ ...GOOD, capture: true, sessionId: 'x', url: 'https://evil.example' })).toEqual(GOOD);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', JSON.stringify(GOOD)],
    ['cameraOn as a string', { ...GOOD, cameraOn: 'true' }],
    ['inCall missing', { cameraOn: true, deviceId: 'cam-1', doc: GOOD.doc }],
    ['deviceId as a number', { ...GOOD, deviceId: 42 }],
    ['deviceId missing', { cameraOn: true, inCall: true, doc: GOOD.doc }],
    ['a huge deviceId', { ...GOOD, deviceId: 'd'.repeat(513) }],
    ['a megabyte deviceId', { ...GOOD, deviceId: 'x'.repeat(1 << 20) }],
    ['an empty doc id', { ...GOOD, doc: '' }],
    ['a doc id of 65 characters', { ...GOOD, doc: 'a'.repeat(65) }],
    ['a doc id with a space', { ...GOOD, doc: 'a b' }],
    ['a doc id with markup', { ...GOOD, doc: '<img src=x>' }],
    ['a doc id with a newline', { ...GOOD, doc: 'abc\n' }],
    ['a doc id as an object', { ...GOOD, doc: { toString: (): string => 'abc' } }],
  ])('rejects %s', (_, data) => {
    expect(parseReport(data)).toBeNull();
  });
});

describe('frameUrl', () => {
  it('uses a frame\'s own http(s) URL', () => {
    expect(frameUrl({ url: 'https://meet.google.com/abc-defg-hij', origin: 'https://meet.google.com', tab: { url: 'https://example.org/' } })).toBe('https://meet.google.com/abc-defg-hij');
    expect(frameUrl({ url: 'http://localhost:3000/room' })).toBe('http://localhost:3000/room');
  });

  it('uses the inherited origin of an about:blank or blob frame', () => {
    expect(frameUrl({ url: 'about:blank', origin: 'https://app.zoom.us', tab: { url: 'https://example.org/' } })).toBe('https://app.zoom.us/');
    expect(frameUrl({ url: 'blob:https://teams.microsoft.com/0b6e', origin: 'https://teams.microsoft.com' })).toBe('https://teams.microsoft.com/');
  });

  it('falls back to the tab\'s URL when the browser gives no origin (Firefox)', () => {
    expect(frameUrl({ url: 'about:blank', tab: { url: 'https://meet.jit.si/Room' } })).toBe('https://meet.jit.si/Room');
  });

  it('gives nothing for an opaque origin or a frame with no web URL at all', () => {
    expect(frameUrl({ url: 'about:blank', origin: 'null' })).toBeNull();
    expect(frameUrl({ url: 'data:text/html,<p>x', origin: 'null', tab: { url: 'about:blank' } })).toBeNull();
    expect(frameUrl({ url: 'chrome-extension://abc/popup.html', origin: 'chrome-extension://abc' })).toBeNull();
    expect(frameUrl({})).toBeNull();
  });

  // Only a missing origin (Firefox) falls back to the tab: a sandboxed (opaque-origin) frame is no call site's.
  it('gives nothing for a sandboxed frame with an opaque origin, even in a call tab', () => {
    expect(frameUrl({ url: 'about:blank', origin: 'null', tab: { url: 'https://meet.google.com/abc-defg-hij' } })).toBeNull();
  });
});

describe('FrameReports', () => {
  const report = (frameId: number, over: Partial<FrameReport> = {}): FrameReport => ({ ...GOOD, frameId, url: 'https://meet.jit.si/Room', ...over });

  it('keeps the newest report per frame and hands a tab\'s reports out once, in frame order', () => {
    const r = new FrameReports();
    r.put(1, report(7, { cameraOn: false }));
    r.put(1, report(0));
    r.put(2, report(3));
    r.put(1, report(7, { cameraOn: true, deviceId: 'cam-2' }));
    for (let i = 0; i < 1000; i++) r.put(1, report(4, { deviceId: `flicker-${i}` }));
    expect(r.take(1)).toEqual([report(0), report(4, { deviceId: 'flicker-999' }), report(7, { cameraOn: true, deviceId: 'cam-2' })]);
    expect(r.take(1)).toEqual([]);
    expect(r.take(2)).toEqual([report(3)]);
    expect(r.take(9)).toEqual([]);
  });
});
