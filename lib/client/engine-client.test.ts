import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { ClientToEngine, EngineToClient } from '../protocol/frame-port';
import { recordedSecond } from '../db/test-support';
import { EngineClient, RECONNECT_DELAYS_MS, type EngineListeners } from './engine-client';

/** The engine's end of a frame port, as the client sees it: records what it was sent, can reply and go away. */
class FakeEnginePort {
  readonly name = 'selfview-frames';
  readonly sent: ClientToEngine[] = [];
  private messageListeners: ((m: EngineToClient) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  gone = false;
  readonly onMessage = { addListener: (f: (m: EngineToClient) => void) => void this.messageListeners.push(f) };
  readonly onDisconnect = { addListener: (f: () => void) => void this.disconnectListeners.push(f) };
  postMessage(m: ClientToEngine): void {
    if (this.gone) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(m);
  }
  disconnect(): void {
    this.gone = true;
  }
  reply(m: EngineToClient): void {
    this.messageListeners.forEach((f) => f(m));
  }
  /** The engine's document closed or crashed. */
  die(): void {
    this.gone = true;
    this.disconnectListeners.forEach((f) => f());
  }
  frames(): Extract<ClientToEngine, { type: 'frame' }>[] {
    return this.sent.filter((m) => m.type === 'frame');
  }
}

const asPort = (p: FakeEnginePort) => p as unknown as Browser.runtime.Port;
const SESSION = { id: 'session-1', startedAt: 1_700_000_000_000 };
const PIXELS = { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(128) };
const NO_FACE = { faces: 0, quality: 0, qualityIssue: 'noFace' as const, cues: null };
const TIMING = { transferMs: 1, detectMs: 20, cueMs: 1, engineMs: 22 };

/** A client whose opener hands out the given ports in turn (null: the engine cannot be reached) and whose sleeps are instant. */
async function clientOver(ports: (FakeEnginePort | null)[], on: EngineListeners = {}) {
  const opened: FakeEnginePort[] = [];
  const slept: number[] = [];
  const open = async () => {
    const p = ports.shift();
    if (!p) throw new Error('Could not establish connection. Receiving end does not exist.');
    opened.push(p);
    return asPort(p);
  };
  const client = await EngineClient.connect(on, SESSION, open, async (ms) => void slept.push(ms));
  return { client, opened, slept };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('EngineClient when the engine goes away mid-stream', () => {
  it('reaches a new engine, binds the call session again and resends the unanswered frame', async () => {
    const first = new FakeEnginePort();
    const second = new FakeEnginePort();
    let disconnected = false;
    const { client, slept } = await clientOver([first, second], { onDisconnect: () => (disconnected = true) });
    expect(first.sent[0]).toEqual({ type: 'session', sessionId: SESSION.id, startedAt: SESSION.startedAt });

    const frame = client.analyse(PIXELS, SESSION.startedAt + 1500);
    first.die();
    await settle();
    expect(slept).toEqual([RECONNECT_DELAYS_MS[0]]);
    expect(second.sent[0]).toEqual({ type: 'session', sessionId: SESSION.id, startedAt: SESSION.startedAt });
    const resent = second.frames();
    expect(resent).toHaveLength(1);
    expect(resent[0]!.ts).toBe(SESSION.startedAt + 1500);
    expect(resent[0]!.data).toBe(PIXELS.data);

    second.reply({ type: 'frame', id: resent[0]!.id, ts: resent[0]!.ts, result: NO_FACE, observation: { width: 2, height: 2, faces: [] }, timing: TIMING });
    expect((await frame).result).toEqual(NO_FACE);
    expect(disconnected).toBe(false);
    // Later frames go to the new engine; the old port is never used again.
    void client.analyse(PIXELS, SESSION.startedAt + 1700);
    expect(second.frames()).toHaveLength(2);
    expect(first.frames()).toHaveLength(1);
  });

  it('ignores replies that arrive on a port it has left', async () => {
    const first = new FakeEnginePort();
    const second = new FakeEnginePort();
    const seconds: number[] = [];
    await clientOver([first, second], { onSecond: (a) => void seconds.push(a.t) });
    first.die();
    await settle();
    first.reply({ type: 'second', aggregate: recordedSecond(3) });
    second.reply({ type: 'second', aggregate: recordedSecond(4) });
    expect(seconds).toEqual([4]);
  });

  it('gives up after its retries when no engine can be reached, and says so', async () => {
    const first = new FakeEnginePort();
    let disconnected = 0;
    const { client, slept } = await clientOver([first], { onDisconnect: () => disconnected++ });
    const frame = client.analyse(PIXELS, SESSION.startedAt + 100);
    first.die();
    await expect(frame).rejects.toThrow('The analysis engine stopped. Start again to reconnect.');
    expect(slept).toEqual([...RECONNECT_DELAYS_MS]);
    expect(disconnected).toBe(1);
    await expect(client.analyse(PIXELS, SESSION.startedAt + 200)).rejects.toThrow('not connected');
  });

  it('does not reconnect a stream that was ending', async () => {
    const first = new FakeEnginePort();
    let disconnected = 0;
    const { client, opened } = await clientOver([first, new FakeEnginePort()], { onDisconnect: () => disconnected++ });
    const last = client.end();
    first.die();
    expect(await last).toBeNull();
    expect(opened).toHaveLength(1);
    expect(disconnected).toBe(1);
  });

  it('does not reconnect after close()', async () => {
    const first = new FakeEnginePort();
    const { client, opened } = await clientOver([first, new FakeEnginePort()]);
    client.close();
    first.die();
    await settle();
    expect(opened).toHaveLength(1);
    expect(first.gone).toBe(true);
  });
});
