/**
 * A page's connection to the analysis engine: asks the background for the engine, opens a frame
 * port, and sends one frame at a time (the next frame is grabbed only when the previous result is
 * back, so a slow machine skips frames instead of queueing them). When the engine's document goes
 * away under a running stream (closed, crashed), the client opens a new one and carries on: the
 * call session is bound again and the unanswered frame is sent again, so only the seconds while
 * no engine was there are lost.
 */
import { browser, type Browser } from 'wxt/browser';
import type { FrameObservation } from '../cues/observation';
import type { Nudge } from '../feedback/nudges';
import type { FrameCues, SecondAggregate } from '../cues/types';
import { FRAME_PORT, type ClientToEngine, type EngineStatus, type EngineToClient, type FrameTiming } from '../protocol/frame-port';
import { sendMessage } from '../protocol/messages';
import { unwrap } from '../protocol/result';
import type { Pixels } from '../engine/luma';

/** Result of one frame as the client sees it. */
export interface ClientFrame {
  ts: number;
  result: FrameCues;
  /** The derived numbers the cues came from (used to record test fixtures). */
  observation: FrameObservation;
  timing: FrameTiming;
  /** Send → reply, measured by the client. */
  roundTripMs: number;
}

/** Callbacks for engine events that are not replies to a frame. */
export interface EngineListeners {
  onStatus?(s: EngineStatus): void;
  onSecond?(a: SecondAggregate): void;
  /** A nudge for the user (call sessions only). */
  onNudge?(n: Nudge): void;
  onDisconnect?(): void;
}

/** Clock shared by extension contexts (same time origin semantics as the engine's). */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/** Opens a frame port to a running engine (asks the background to make sure it exists first). */
export type PortOpener = () => Promise<Browser.runtime.Port>;

/** Waits before each attempt to reach a new engine after the old one went away; then gives up. */
export const RECONNECT_DELAYS_MS = [250, 1000, 3000] as const;

const openFramePort: PortOpener = async () => {
  unwrap(await sendMessage('clientToBackgroundEnsureEngine'));
  return browser.runtime.connect({ name: FRAME_PORT });
};

type FrameMessage = Extract<ClientToEngine, { type: 'frame' }>;

/** An open connection. Create with `EngineClient.connect`. */
export class EngineClient {
  private nextId = 1;
  private pending = new Map<number, { resolve(f: ClientFrame): void; reject(e: Error): void; sentAt: number; msg: FrameMessage }>();
  private endWaiter: ((last: SecondAggregate | null) => void) | null = null;
  private closed = false;
  private port!: Browser.runtime.Port;
  /** Failed attempts to reach a new engine since the last frame came back. */
  private failedReconnects = 0;
  /** Latest engine status. */
  status: EngineStatus = { state: 'loading', stage: 'model', progress: 0 };

  private constructor(
    port: Browser.runtime.Port,
    private readonly on: EngineListeners,
    private readonly session: { id: string; startedAt: number } | undefined,
    private readonly open: PortOpener,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.attach(port);
  }

  /**
   * Makes sure the engine exists, then connects to it; `session` binds the stream to a call session.
   * `open` and `sleep` are replaceable for tests.
   */
  static async connect(
    on: EngineListeners = {},
    session?: { id: string; startedAt: number },
    open: PortOpener = openFramePort,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ): Promise<EngineClient> {
    return new EngineClient(await open(), on, session, open, sleep);
  }

  private attach(port: Browser.runtime.Port): void {
    this.port = port;
    port.onMessage.addListener((m: EngineToClient) => {
      if (this.port === port) this.receive(m);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) void this.lost();
    });
    if (this.session) port.postMessage({ type: 'session', sessionId: this.session.id, startedAt: this.session.startedAt });
  }

  /** The engine's end of the port went away without `close()`: reach a new engine, or give up. */
  private async lost(): Promise<void> {
    if (this.closed) return;
    // A stream that was ending has nothing left to send.
    if (this.endWaiter) return this.giveUp();
    const delay = RECONNECT_DELAYS_MS[this.failedReconnects++];
    if (delay === undefined) return this.giveUp();
    await this.sleep(delay);
    if (this.closed || this.endWaiter) return this.closed ? undefined : this.giveUp();
    let port: Browser.runtime.Port;
    try {
      port = await this.open();
    } catch {
      return this.lost();
    }
    if (this.closed) return void port.disconnect();
    this.status = { state: 'loading', stage: 'model', progress: 0 };
    this.attach(port);
    // The frame the old engine never answered goes to the new one (its sender is still waiting).
    for (const p of this.pending.values()) port.postMessage(p.msg);
  }

  private giveUp(): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('The analysis engine stopped. Start again to reconnect.'));
    this.pending.clear();
    this.endWaiter?.(null);
    this.endWaiter = null;
    this.on.onDisconnect?.();
  }

  /** Resolves once the engine is ready (or rejects with its load error). */
  ready(): Promise<EngineStatus & { state: 'ready' }> {
    return new Promise((resolve, reject) => {
      const check = (s: EngineStatus): boolean => {
        if (s.state === 'ready') resolve(s);
        else if (s.state === 'error') reject(new Error(s.error));
        else return false;
        return true;
      };
      if (check(this.status)) return;
      const prev = this.on.onStatus;
      this.on.onStatus = (s) => {
        prev?.(s);
        if (check(s)) this.on.onStatus = prev;
      };
    });
  }

  /** Sends a frame; resolves with its cues. `still` marks a photo (no tracking across frames). */
  analyse(px: Pixels, ts: number, still = false): Promise<ClientFrame> {
    if (this.closed) return Promise.reject(new Error('The analysis engine is not connected.'));
    const id = this.nextId++;
    const sentAt = sharedNow();
    const msg: FrameMessage = { type: 'frame', id, ts, still, sentAt, width: px.width, height: px.height, data: px.data };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, sentAt, msg });
      try {
        this.port.postMessage(msg);
      } catch {
        // The port just went away: the frame is sent again once a new engine is reached.
      }
    });
  }

  /** Ends the stream; resolves with the aggregate of its last, unfinished second. */
  end(): Promise<SecondAggregate | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.endWaiter = resolve;
      try {
        this.port.postMessage({ type: 'end' });
      } catch {
        this.giveUp(); // no engine to end the stream with (it went away and none is back yet)
      }
    });
  }

  /** Disconnects (the engine closes itself once no client is left for a while). */
  close(): void {
    if (!this.closed) {
      try {
        this.port.disconnect();
      } catch {
        /* already gone */
      }
    }
    this.closed = true;
  }

  private receive(m: EngineToClient): void {
    switch (m.type) {
      case 'status':
        this.status = m.status;
        this.on.onStatus?.(m.status);
        break;
      case 'frame': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.failedReconnects = 0;
        p?.resolve({ ts: m.ts, result: m.result, observation: m.observation, timing: m.timing, roundTripMs: sharedNow() - p.sentAt });
        break;
      }
      case 'second':
        this.on.onSecond?.(m.aggregate);
        break;
      case 'nudge':
        this.on.onNudge?.(m.nudge);
        break;
      case 'ended':
        this.endWaiter?.(m.last);
        this.endWaiter = null;
        break;
      case 'error': {
        const p = m.id === null ? undefined : this.pending.get(m.id);
        if (p && m.id !== null) {
          this.pending.delete(m.id);
          p.reject(new Error(m.error));
        }
        break;
      }
    }
  }
}
