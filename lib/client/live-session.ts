/**
 * A live analysis of the camera shown in a <video>: grabs frames at the sampling rate (or at the
 * rate a pacer picks from each frame's measured cost), sends them to the engine one at a time, and
 * reports cues, per-second aggregates and the analysed rate.
 */
import type { FrameSample } from '../capture/governor';
import type { SecondAggregate } from '../cues/types';
import type { Nudge } from '../feedback/nudges';
import { releaseCamera } from './camera';
import { EngineClient, sharedNow, type ClientFrame } from './engine-client';
import { FrameGrabber } from './frame-grabber';
import type { EngineStatus } from '../protocol/frame-port';

/** Longest side of frames sent to the engine: enough for the mesh at webcam distances. */
export const LIVE_FRAME_SIDE = 480;

/** What a live session reports. */
export interface LiveHandlers {
  onStatus(s: EngineStatus): void;
  onFrame(f: ClientFrame, fps: number): void;
  onSecond(a: SecondAggregate): void;
  /** A nudge for the user (call sessions only). */
  onNudge?(n: Nudge): void;
  /** The session stopped by itself (camera gone, engine gone) with this reason. */
  onStopped(reason: string): void;
  /**
   * Picks the time from this frame's start to the next one's (ms) from its measurements (call
   * sessions: the rate governor). Without it frames follow the fixed rate.
   */
  pace?(sample: FrameSample): number;
}

/** Running session over one camera stream. */
export class LiveSession {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly grabber = new FrameGrabber(LIVE_FRAME_SIDE);
  private readonly done: number[] = [];
  /** When the timer of the next frame should fire (null: no timer yet); how late it fires tells how busy the page is. */
  private dueAt: number | null = null;

  private constructor(
    private readonly client: EngineClient,
    private readonly video: HTMLVideoElement,
    private readonly stream: MediaStream,
    private readonly fps: number,
    private readonly on: LiveHandlers,
  ) {}

  /** Connects to the engine and starts analysing `stream`, which plays in `video`. */
  static async start(
    video: HTMLVideoElement,
    stream: MediaStream,
    fps: number,
    on: LiveHandlers,
    callSession?: { id: string; startedAt: number },
  ): Promise<LiveSession> {
    let session: LiveSession | null = null;
    const client = await EngineClient.connect(
      {
        onStatus: on.onStatus,
        onSecond: on.onSecond,
        onNudge: on.onNudge,
        onDisconnect: () => session?.halt('The analysis engine stopped. Press Start to try again.'),
      },
      callSession,
    );
    session = new LiveSession(client, video, stream, fps, on);
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => session?.halt('The camera stopped (unplugged, or its permission was revoked).'));
    }
    try {
      await client.ready();
    } catch (err) {
      client.close();
      throw err;
    }
    void session.tick();
    return session;
  }

  /** Stops analysing and releases the camera. Resolves with the last, partial second. */
  async stop(): Promise<SecondAggregate | null> {
    if (this.stopped) return null;
    this.stopped = true;
    clearTimeout(this.timer);
    releaseCamera(this.stream);
    const last = await this.client.end().catch(() => null);
    this.client.close();
    return last;
  }

  private halt(reason: string): void {
    if (this.stopped) return;
    void this.stop();
    this.on.onStopped(reason);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const started = performance.now();
    // Hidden tabs have their timers throttled on purpose: lateness there says nothing about load.
    const lagMs = this.dueAt === null || document.visibilityState !== 'visible' ? 0 : Math.max(0, started - this.dueAt);
    let interval = 1000 / this.fps;
    const v = this.video;
    if (v.readyState >= 2 && v.videoWidth > 0) {
      try {
        const px = this.grabber.grab(v, v.videoWidth, v.videoHeight);
        // Epoch-aligned, monotonic time: seconds line up with the call session's clock.
        const reply = this.client.analyse(px, sharedNow());
        // Grabbing and posting (the copy into the message) are this page's work for the frame.
        const handOverMs = performance.now() - started;
        const f = await reply;
        if (this.on.pace) {
          // Selfview's own work for the frame: the hand-over here, detection and cue maths in the engine.
          // (Not the wait in between: on a loaded machine that is time spent queued, not CPU used.)
          const costMs = handOverMs + f.timing.detectMs + f.timing.cueMs;
          interval = this.on.pace({ at: started, costMs, detectMs: f.timing.detectMs, lagMs, cues: f.result.cues });
        }
        // The rate is measured on when frames were taken, not when their results came back:
        // completion times bunch up while analysis warms up and would overstate it.
        const now = performance.now();
        this.done.push(started);
        while (this.done.length && (this.done[0] ?? 0) < now - 2000) this.done.shift();
        const span = (this.done.at(-1) ?? now) - (this.done[0] ?? now);
        if (!this.stopped) this.on.onFrame(f, span > 0 ? ((this.done.length - 1) * 1000) / span : 0);
      } catch (err) {
        if (this.stopped) return;
        return this.halt(err instanceof Error ? err.message : String(err));
      }
    }
    // Wait out the rest of the frame interval; if analysis took longer, go again at once. The next
    // frame is grabbed only now, after this one's result: a slow machine skips frames, never queues them.
    const wait = Math.max(0, interval - (performance.now() - started));
    this.dueAt = performance.now() + wait;
    this.timer = setTimeout(() => void this.tick(), wait);
  }
}
