/**
 * A page's connection to the analysis engine: asks the background for the engine, opens a frame
 * port, and sends one frame at a time (the next frame is grabbed only when the previous result is
 * back, so a slow machine skips frames instead of queueing them).
 */
import { browser, type Browser } from 'wxt/browser';
import type { FrameObservation } from '../cues/observation';
import type { Nudge } from '../feedback/nudges';
import type { FrameCues, SecondAggregate } from '../cues/types';
import { FRAME_PORT, type EngineStatus, type EngineToClient, type FrameTiming } from '../protocol/frame-port';
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

/** An open connection. Create with `EngineClient.connect`. */
export class EngineClient {
  private nextId = 1;
  private pending = new Map<number, { resolve(f: ClientFrame): void; reject(e: Error): void; sentAt: number }>();
  private endWaiter: ((last: SecondAggregate | null) => void) | null = null;
  private closed = false;
  /** Latest engine status. */
  status: EngineStatus = { state: 'loading', stage: 'model', progress: 0 };

  private constructor(private readonly port: Browser.runtime.Port, private readonly on: EngineListeners) {
    port.onMessage.addListener((m: EngineToClient) => this.receive(m));
    port.onDisconnect.addListener(() => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('The analysis engine stopped. Start again to reconnect.'));
      this.pending.clear();
      this.on.onDisconnect?.();
    });
  }

  /** Makes sure the engine exists, then connects to it; `session` binds the stream to a call session. */
  static async connect(on: EngineListeners = {}, session?: { id: string; startedAt: number }): Promise<EngineClient> {
    unwrap(await sendMessage('clientToBackgroundEnsureEngine'));
    const client = new EngineClient(browser.runtime.connect({ name: FRAME_PORT }), on);
    if (session) client.port.postMessage({ type: 'session', sessionId: session.id, startedAt: session.startedAt });
    return client;
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
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, sentAt });
      this.port.postMessage({ type: 'frame', id, ts, still, sentAt, width: px.width, height: px.height, data: px.data });
    });
  }

  /** Ends the stream; resolves with the aggregate of its last, unfinished second. */
  end(): Promise<SecondAggregate | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.endWaiter = resolve;
      this.port.postMessage({ type: 'end' });
    });
  }

  /** Disconnects (the engine closes itself once no client is left for a while). */
  close(): void {
    if (!this.closed) this.port.disconnect();
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
