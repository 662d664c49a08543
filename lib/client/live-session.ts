/**
 * A live analysis of the camera shown in a <video>: grabs frames at the sampling rate, sends them
 * to the engine one at a time, and reports cues, per-second aggregates and the analysed rate.
 */
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
}

/** Running session over one camera stream. */
export class LiveSession {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly grabber = new FrameGrabber(LIVE_FRAME_SIDE);
  private readonly done: number[] = [];

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
    const v = this.video;
    if (v.readyState >= 2 && v.videoWidth > 0) {
      try {
        const px = this.grabber.grab(v, v.videoWidth, v.videoHeight);
        // Epoch-aligned, monotonic time: seconds line up with the call session's clock.
        const f = await this.client.analyse(px, sharedNow());
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
    // Wait out the rest of the frame interval; if analysis took longer, go again at once.
    const wait = Math.max(0, 1000 / this.fps - (performance.now() - started));
    this.timer = setTimeout(() => void this.tick(), wait);
  }
}
