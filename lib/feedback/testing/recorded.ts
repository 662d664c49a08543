/**
 * Test support: the recorded fixtures (real model output on real webcam clips and stills) turned
 * into the FrameCues and 1-second aggregates the feedback core consumes. Node only (reads files).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aggregateSecond, SecondAggregator } from '../../cues/aggregate';
import { frameCues } from '../../cues/frame-cues';
import type { FrameObservation } from '../../cues/observation';
import type { FrameCues, SecondAggregate } from '../../cues/types';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures', name), 'utf8')) as T;

export type ClipName = 'cap12_edit' | 'cap13_edit2';

export interface RecordedClip {
  /** Per-frame cues with their timestamps (ms, 10 fps). */
  frames: { ts: number; cues: FrameCues }[];
  /** The whole seconds (the trailing partial second is left out: it is not a full second of evidence). */
  seconds: SecondAggregate[];
}

const clips = new Map<ClipName, RecordedClip>();

/** A recorded clip through `frameCues` and the `SecondAggregator`, as the live pipeline runs it. */
export function recordedClip(name: ClipName): RecordedClip {
  const cached = clips.get(name);
  if (cached) return cached;
  const raw = read<{ ts: number; observation: FrameObservation }[]>(`clip-${name}.json`);
  const frames = raw.map((f) => ({ ts: f.ts, cues: frameCues(f.observation) }));
  const clip = { frames, seconds: aggregate(frames) };
  clips.set(name, clip);
  return clip;
}

/** Whole-second aggregates of timed frames. */
export function aggregate(frames: readonly { ts: number; cues: FrameCues }[]): SecondAggregate[] {
  const agg = new SecondAggregator();
  return frames.flatMap((f) => agg.push(f.ts, f.cues));
}

let stills: Record<string, FrameObservation> | null = null;

/** The cues of one recorded still (real model output on a real photo). */
export function still(name: string): FrameCues {
  stills ??= read<Record<string, FrameObservation>>('stills.json');
  const o = stills[name];
  if (!o) throw new Error(`${name} is not in test/fixtures/stills.json`);
  return frameCues(o);
}

/**
 * A second of a still: ten identical frames of one real photo (10 fps), no blinks — a frozen
 * video. For cases the clips do not contain (a dark room, a furrowed brow, an off-centre face).
 */
export function stillSecond(name: string): SecondAggregate {
  return aggregateSecond(0, Array.from({ length: 10 }, () => still(name)), 0);
}

/** `seconds` repeated until `count` seconds, renumbered 0, 1, 2, … (a long stretch from a short recording). */
export function loop(seconds: readonly SecondAggregate[], count: number): SecondAggregate[] {
  if (!seconds.length) throw new Error('nothing to loop');
  return Array.from({ length: count }, (_, i) => ({ ...seconds[i % seconds.length]!, t: i }));
}
