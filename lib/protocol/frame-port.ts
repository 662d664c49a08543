/**
 * The port protocol that carries frames to the analysis engine and cues back. Frames are RGBA
 * typed arrays (structured-clone messaging), never images or URLs; the engine checks every
 * incoming message's shape with `parseClientMessage` before touching it.
 */
import type { FrameObservation } from '../cues/observation';
import type { FrameCues, SecondAggregate } from '../cues/types';
import type { Nudge } from '../feedback/nudges';

/** Name of the runtime port the engine listens on. */
export const FRAME_PORT = 'selfview-frames';
/** Largest frame side the engine accepts, in pixels. */
export const MAX_FRAME_SIDE = 2048;

/** Where the engine is in its start-up. */
export type EngineStatus =
  | { state: 'loading'; stage: 'runtime' | 'model' | 'init'; progress: number }
  | { state: 'ready'; delegate: 'CPU' | 'GPU'; delegateReason: string; loadMs: number }
  | { state: 'error'; error: string };

/** Time spent on one frame, in ms. */
export interface FrameTiming {
  /** From the client's send to the engine's receipt (clocks of both contexts share an origin). */
  transferMs: number;
  detectMs: number;
  cueMs: number;
  /** From receipt to reply, inside the engine. */
  engineMs: number;
}

/** Client → engine. */
export type ClientToEngine =
  | { type: 'frame'; id: number; ts: number; still: boolean; sentAt: number; width: number; height: number; data: Uint8ClampedArray }
  | { type: 'end' }
  /** Binds the stream to a call session: its seconds are stored and counted from `startedAt` (ms epoch). */
  | { type: 'session'; sessionId: string; startedAt: number };

/** Engine → client. */
export type EngineToClient =
  | { type: 'status'; status: EngineStatus }
  | { type: 'frame'; id: number; ts: number; result: FrameCues; observation: FrameObservation; timing: FrameTiming }
  | { type: 'second'; aggregate: SecondAggregate }
  /** A nudge for the user in a call session (shown in the page's private badge). */
  | { type: 'nudge'; nudge: Nudge }
  | { type: 'ended'; last: SecondAggregate | null }
  | { type: 'error'; id: number | null; error: string };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a message from a client; returns null for anything malformed. */
export function parseClientMessage(msg: unknown): ClientToEngine | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'end') return { type: 'end' };
  if (m.type === 'session') {
    const { sessionId, startedAt } = m;
    if (typeof sessionId !== 'string' || !/^[\w-]{1,64}$/.test(sessionId) || !finite(startedAt)) return null;
    return { type: 'session', sessionId, startedAt };
  }
  if (m.type !== 'frame') return null;
  const { id, ts, still, sentAt, width, height, data } = m;
  if (!finite(id) || !finite(ts) || !finite(sentAt) || typeof still !== 'boolean') return null;
  if (!Number.isInteger(width) || !Number.isInteger(height)) return null;
  const w = width as number, h = height as number;
  if (w < 1 || h < 1 || w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE) return null;
  // `instanceof` alone accepts an object that merely has the typed array's prototype (its length getter throws).
  if (!(data instanceof Uint8ClampedArray) || !ArrayBuffer.isView(data) || data.length !== w * h * 4) return null;
  return { type: 'frame', id, ts, still, sentAt, width: w, height: h, data };
}
