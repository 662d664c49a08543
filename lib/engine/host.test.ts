// The engine host: refuses foreign ports, ignores malformed messages, never queues frames, retries
// a failed load for the next client, and reports idleness once the last client has gone.
import type { Runtime } from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import stills from '../../test/fixtures/stills.json';
import type { FrameObservation } from '../cues/observation';
import { frameCues } from '../cues/frame-cues';
import type { EngineToClient } from '../protocol/frame-port';
import { FRAME_PORT } from '../protocol/frame-port';

const observation = (stills as Record<string, FrameObservation>)['A/london/smiling/001_08.jpg']!;
const load = vi.fn();
vi.mock('./face-engine', () => ({ FaceEngine: { load: (...a: unknown[]) => load(...a) } }));
const { createEngineHost } = await import('./host');

/** A fake port that records what the host posts and lets the test deliver messages. */
function fakePort(url = 'chrome-extension://me/practice.html') {
  const onMsg: ((m: unknown) => unknown)[] = [];
  const onDisc: (() => void)[] = [];
  const posted: EngineToClient[] = [];
  const port = {
    name: FRAME_PORT,
    sender: { id: 'me', url },
    posted,
    disconnected: false,
    postMessage: (m: EngineToClient) => void posted.push(m),
    disconnect() {
      this.disconnected = true;
    },
    onMessage: { addListener: (f: (m: unknown) => unknown) => void onMsg.push(f) },
    onDisconnect: { addListener: (f: () => void) => void onDisc.push(f) },
    send: (m: unknown) => Promise.all(onMsg.map((f) => f(m))),
    close: () => onDisc.forEach((f) => f()),
  };
  return port;
}

const frame = (id: number) => ({ type: 'frame', id, ts: id * 100, still: false, sentAt: 0, width: 2, height: 2, data: new Uint8ClampedArray(16) });
const engine = {
  delegate: 'CPU',
  delegateReason: 'test',
  videoClock: 0,
  analyse: vi.fn(async () => ({ observation, cues: frameCues(observation), detectMs: 1, cueMs: 0 })),
};

function host(onIdle = vi.fn()) {
  return {
    onIdle,
    attach: createEngineHost({
      getURL: (p) => p,
      allowPort: (p) => p.sender?.url?.startsWith('chrome-extension://me/') ?? false,
      delegatePreference: async () => 'auto',
      onIdle,
      idleMs: 1000,
      now: () => Date.now(),
    }),
  };
}
const asPort = (p: ReturnType<typeof fakePort>) => p as unknown as Runtime.Port;

beforeEach(() => {
  load.mockReset();
  engine.analyse.mockClear();
  load.mockResolvedValue(engine);
});

describe('engine host', () => {
  it('disconnects a port from outside the extension without loading anything', () => {
    const p = fakePort('https://evil.example/');
    host().attach(asPort(p));
    expect(p.disconnected).toBe(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('answers a frame with cues and reports ready', async () => {
    const p = fakePort();
    host().attach(asPort(p));
    await p.send(frame(1));
    const reply = p.posted.find((m) => m.type === 'frame');
    expect(reply && reply.type === 'frame' && reply.result.faces).toBe(1);
    expect(p.posted.some((m) => m.type === 'status' && m.status.state === 'ready')).toBe(true);
  });

  it('ignores malformed messages with an error reply', async () => {
    const p = fakePort();
    host().attach(asPort(p));
    await p.send({ type: 'frame', id: 1, data: [1, 2, 3] });
    expect(p.posted.at(-1)).toEqual({ type: 'error', id: null, error: 'Malformed message ignored.' });
    expect(engine.analyse).not.toHaveBeenCalled();
  });

  it('drops a frame sent while the previous one is being analysed', async () => {
    const p = fakePort();
    host().attach(asPort(p));
    await Promise.all([p.send(frame(1)), p.send(frame(2))]);
    expect(engine.analyse).toHaveBeenCalledTimes(1);
    expect(p.posted).toContainEqual({ type: 'error', id: 2, error: 'Busy: frame dropped.' });
  });

  it('tells the client about a failed load and retries it for the next client', async () => {
    load.mockRejectedValueOnce(new Error('The face model is missing'));
    const h = host();
    const a = fakePort();
    h.attach(asPort(a));
    await a.send(frame(1));
    expect(a.posted).toContainEqual({ type: 'error', id: 1, error: 'The face model is missing' });
    const b = fakePort();
    h.attach(asPort(b));
    expect(b.posted[0]).toEqual({ type: 'status', status: { state: 'loading', stage: 'model', progress: 0 } });
    await b.send(frame(2));
    expect(load).toHaveBeenCalledTimes(2);
    expect(b.posted.some((m) => m.type === 'frame')).toBe(true);
  });

  it('reports idle only after the last client has been gone for idleMs', async () => {
    vi.useFakeTimers();
    const h = host();
    const a = fakePort(), b = fakePort();
    h.attach(asPort(a));
    h.attach(asPort(b));
    a.close();
    vi.advanceTimersByTime(5000);
    expect(h.onIdle).not.toHaveBeenCalled();
    b.close();
    vi.advanceTimersByTime(999);
    expect(h.onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(h.onIdle).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('engine host, end of a stream', () => {
  it('returns the last partial second once, with "ended" (not also as a "second")', async () => {
    const p = fakePort();
    host().attach(asPort(p));
    await p.send(frame(1));
    await p.send({ type: 'end' });
    const ended = p.posted.filter((m) => m.type === 'ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.type === 'ended' && ended[0]!.last?.frames).toBe(1);
    expect(p.posted.filter((m) => m.type === 'second')).toHaveLength(0);
  });
});
