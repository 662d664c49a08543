/**
 * Serves the frame-port protocol in the document that hosts the engine: checks each port's sender,
 * loads the engine once (shared by all ports), analyses frames one at a time per port, streams
 * 1-second aggregates back, and reports when it has been idle so its document can be closed.
 */
import type { Runtime } from 'webextension-polyfill';
import { SecondAggregator } from '../cues/aggregate';
import type { SecondAggregate } from '../cues/types';
import type { Nudge } from '../feedback/nudges';
import type { SessionEntry, SessionFeedback } from './session-feedback';
import { FRAME_PORT, parseClientMessage, type EngineStatus, type EngineToClient } from '../protocol/frame-port';
import { FaceEngine } from './face-engine';
import type { DelegatePreference } from './delegate';

/** What the host needs from its surroundings (injected, so it is not tied to one context). */
export interface HostEnv {
  getURL(path: string): string;
  /** Decides whether a port may use the engine (e.g. only this extension's own pages). */
  allowPort(port: Runtime.Port): boolean;
  delegatePreference(): Promise<DelegatePreference>;
  /** Called once no port has been open for `idleMs`. */
  onIdle(): void;
  idleMs: number;
  now(): number;
  /** Receives each finished second of a stream that is bound to a call session. */
  onSessionSecond?(session: { id: string; startedAt: number }, aggregate: SecondAggregate): void;
  /** Baseline and nudges for call sessions (absent: raw cues, no nudges). */
  feedback?: SessionFeedback;
  /** A client's port closed (it stopped, or its frame or tab went away), with who it was. */
  onClientGone?(sender: Runtime.MessageSender | undefined): void;
  /** Receives each nudge given in a call session. */
  onNudge?(session: { id: string; startedAt: number }, nudge: Nudge, t: number): void;
}

/** Gap put between two streams on the VIDEO landmarker's clock, so tracking does not carry over. */
const STREAM_GAP_MS = 10_000;

/** Starts serving; returns a function that attaches a port (wire it to `runtime.onConnect`). */
export function createEngineHost(env: HostEnv): (port: Runtime.Port) => void {
  let engine: Promise<FaceEngine> | null = null;
  let status: EngineStatus = { state: 'loading', stage: 'model', progress: 0 };
  const ports = new Set<Runtime.Port>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const broadcast = (msg: EngineToClient): void => ports.forEach((p) => safePost(p, msg));
  const setStatus = (s: EngineStatus): void => {
    status = s;
    broadcast({ type: 'status', status });
  };

  const startEngine = (): Promise<FaceEngine> => {
    if (engine) return engine;
    const t0 = env.now();
    engine = env
      .delegatePreference()
      .then((pref) => FaceEngine.load(env.getURL, pref, (stage, progress) => setStatus({ state: 'loading', stage, progress })))
      .then((e) => {
        setStatus({ state: 'ready', delegate: e.delegate, delegateReason: e.delegateReason, loadMs: env.now() - t0 });
        return e;
      })
      .catch((err: unknown) => {
        engine = null; // a later client may retry
        setStatus({ state: 'error', error: err instanceof Error ? err.message : String(err) });
        throw err;
      });
    return engine;
  };

  const armIdle = (): void => {
    clearTimeout(idleTimer);
    if (ports.size === 0) idleTimer = setTimeout(env.onIdle, env.idleMs);
  };

  return (port: Runtime.Port) => {
    if (port.name !== FRAME_PORT) return;
    if (!env.allowPort(port)) {
      port.disconnect();
      return;
    }
    ports.add(port);
    clearTimeout(idleTimer);
    // A failed load is retried for each new client, so it must not be told the old failure.
    if (status.state === 'error') status = { state: 'loading', stage: 'model', progress: 0 };
    safePost(port, { type: 'status', status });
    startEngine().catch(() => undefined);

    const aggregator = new SecondAggregator();
    let session: { id: string; startedAt: number } | null = null;
    let feedback: Promise<SessionEntry | null> = Promise.resolve(null);
    let offset: number | null = null;
    /** A finished second's session side: store it, judge it for nudges. */
    const record = (aggregate: SecondAggregate, fb: SessionEntry | null): void => {
      if (!session) return;
      env.onSessionSecond?.(session, aggregate);
      const nudge = fb?.judge(aggregate, session.startedAt + aggregate.t * 1000);
      if (nudge) {
        safePost(port, { type: 'nudge', nudge });
        env.onNudge?.(session, nudge, aggregate.t);
      }
    };
    const emit = (aggregate: SecondAggregate, fb: SessionEntry | null): void => {
      safePost(port, { type: 'second', aggregate });
      record(aggregate, fb);
    };
    let busy = false;

    port.onMessage.addListener(async (raw: unknown) => {
      const msg = parseClientMessage(raw);
      if (!msg) return safePost(port, { type: 'error', id: null, error: 'Malformed message ignored.' });
      if (msg.type === 'session') {
        session = { id: msg.sessionId, startedAt: msg.startedAt };
        aggregator.anchor(msg.startedAt);
        // Without its feedback settings a session still gets raw cues: feedback must never stop analysis.
        feedback = env.feedback?.forSession(msg.sessionId).catch(() => null) ?? Promise.resolve(null);
        return;
      }
      if (msg.type === 'end') {
        const last = aggregator.flush();
        if (last) record(last, await feedback); // the client gets it with 'ended'
        return safePost(port, { type: 'ended', last });
      }
      const receivedAt = env.now();
      // One frame at a time per client: the client waits for each reply, so a frame arriving
      // while busy is a misbehaving client and is dropped rather than queued.
      if (busy) return safePost(port, { type: 'error', id: msg.id, error: 'Busy: frame dropped.' });
      busy = true;
      try {
        const e = await startEngine();
        offset ??= e.videoClock + STREAM_GAP_MS - msg.ts;
        const r = await e.analyse(msg, msg.ts, msg.still, offset);
        const fb = await feedback;
        const cues = fb ? fb.normalise(r.cues) : r.cues;
        if (fb) aggregator.useThresholds(fb.thresholds);
        const timing = { transferMs: Math.max(0, receivedAt - msg.sentAt), detectMs: r.detectMs, cueMs: r.cueMs, engineMs: env.now() - receivedAt };
        safePost(port, { type: 'frame', id: msg.id, ts: msg.ts, result: cues, observation: r.observation, timing });
        if (!msg.still) for (const a of aggregator.push(msg.ts, cues)) emit(a, fb);
      } catch (err) {
        safePost(port, { type: 'error', id: msg.id, error: err instanceof Error ? err.message : String(err) });
      } finally {
        busy = false;
      }
    });
    port.onDisconnect.addListener(() => {
      // A stream cut off (tab closed, camera revoked) still keeps its last partial second.
      const last = aggregator.flush();
      if (last && session) void feedback.then((fb) => record(last, fb));
      ports.delete(port);
      armIdle();
      env.onClientGone?.(port.sender);
    });
  };
}

/** Posting to a port whose other end has gone throws; that must not break the engine. */
function safePost(port: Runtime.Port, msg: EngineToClient): void {
  try {
    port.postMessage(msg);
  } catch {
    /* client went away */
  }
}
