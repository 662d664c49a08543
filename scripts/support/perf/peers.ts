/**
 * The peer stacks' time per image on the same photos: taken from the latest full accuracy run
 * (bench/results/accuracy.json, which times every stack on the London photos in one browser), or,
 * without one, measured here on a few London photos with the same peer pages (scripts/support/peers).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { FACES, ROOT } from '../paths';
import { startPeerServer } from '../peers/server';
import { openPeer, PEER_STACKS } from '../peers/stacks';
import { median, quantile, round } from './stats';

/** One stack's time per image (ms). */
export interface PeerTime {
  stack: string;
  backend: string;
  photos: number;
  medianMs: number;
  p90Ms: number;
}

/** Where the figures come from, and the figures (Selfview's own photo time from the same run when known). */
export interface PeerTimes {
  source: string;
  stacks: PeerTime[];
  selfviewPerPhoto: PeerTime | null;
}

/** Shape of the timing part of accuracy.json. */
interface AccuracyTiming {
  mode: string;
  timing: { stack: string; backend: string; london: { photos: number; medianMs: number; p90Ms: number } }[];
}

export const ACCURACY_JSON = resolve(ROOT, 'bench/results/accuracy.json');

/** The peers' times from an accuracy report's text, or null when it has none. */
export function peerTimesFromAccuracy(json: string, source: string): PeerTimes | null {
  const report = JSON.parse(json) as Partial<AccuracyTiming>;
  if (!Array.isArray(report.timing)) return null;
  const rows = report.timing.map((t) => ({ stack: t.stack, backend: t.backend, photos: t.london.photos, medianMs: t.london.medianMs, p90Ms: t.london.p90Ms }));
  const stacks = rows.filter((r) => r.stack !== 'Selfview');
  if (!stacks.length) return null;
  return { source: `${source} (${report.mode ?? 'unknown'} run)`, stacks, selfviewPerPhoto: rows.find((r) => r.stack === 'Selfview') ?? null };
}

/** The fastest peer by median time per image. */
export function fastestPeer(p: PeerTimes | null): { stack: string; ms: number } | null {
  if (!p?.stacks.length) return null;
  const best = p.stacks.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  return { stack: best.stack, ms: best.medianMs };
}

/** From accuracy.json when present; otherwise runs each peer on `photos` London photos in `context`. */
export async function peerTimes(context: BrowserContext, photos: number): Promise<PeerTimes> {
  if (existsSync(ACCURACY_JSON)) {
    const when = statSync(ACCURACY_JSON).mtime.toISOString().replace(/\.\d+Z$/, ' UTC').replace('T', ' ');
    const p = peerTimesFromAccuracy(readFileSync(ACCURACY_JSON, 'utf8'), `bench/results/accuracy.json, written ${when}`);
    if (p) return p;
  }
  const files = readdirSync(resolve(FACES, 'A/london/neutral')).filter((f) => /\.jpe?g$/i.test(f)).sort().slice(0, photos).map((f) => `A/london/neutral/${f}`);
  const server = await startPeerServer();
  const stacks: PeerTime[] = [];
  try {
    for (const stack of PEER_STACKS) {
      const p = await openPeer(context, server, stack);
      await p.detect(files[0]!); // warm-up, as in the accuracy bench
      const ms: number[] = [];
      for (const f of files) {
        const r = await p.detect(f);
        if ('ms' in r) ms.push(r.ms);
      }
      await p.close();
      stacks.push({ stack, backend: `tfjs ${p.backend}`, photos: ms.length, medianMs: round(median(ms), 1), p90Ms: round(quantile(ms, 0.9), 1) });
    }
  } finally {
    await server.close();
  }
  return { source: `measured in this run on ${files.length} London neutral photos (no bench/results/accuracy.json)`, stacks, selfviewPerPhoto: null };
}
