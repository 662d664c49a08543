/**
 * Builds a coach packet (format "selfview-coach-packet", version 1): what a person chooses to share
 * with a coach. Aggregates only — per session its date, site, length, the summary shares, blink rate,
 * expressiveness and nudge counts by kind; per-minute means only when the person ticks it. Never
 * notes, tags or single seconds.
 */
import { mean } from '../cues/math';
import type { SecondAggregate } from '../cues/types';
import { summarize } from '../db/summaries';
import type { SelfviewDB, SessionRecord } from '../db/schema';
import { nudgesOf, openSample, openSessionFields, samplesOf, type Opener } from '../db/sessions';
import { callReport } from '../feedback/report';
import { QUALITY_THRESHOLD } from '../feedback/quality-gate';
import { selectSessions, type ExportSelection } from './export';
import { PACKET_FORMAT, PACKET_LIMITS, PACKET_VERSION, packetSchema, type CoachPacket, type PacketMinute, type PacketSession } from './packet-schema';
import { checked, layout } from './serialize';

/** What the person chose: the name the coach sees, and whether to include per-minute means. `now` becomes `createdAt`. */
export interface PacketOptions {
  displayName: string;
  perMinute: boolean;
  now: number;
}

/** Local calendar date of a time, YYYY-MM-DD. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const judged = (a: SecondAggregate) => a.cues !== null && a.quality >= QUALITY_THRESHOLD;

/** Means over each minute of the session (by second index t); nothing finer. */
function minutes(rows: { t: number; agg: SecondAggregate }[]): PacketMinute[] {
  const byMinute = new Map<number, SecondAggregate[]>();
  for (const r of rows) {
    const m = Math.floor(r.t / 60);
    // A packet covers the first 24 hours of a session (the longest a call plausibly runs).
    if (m >= PACKET_LIMITS.minutes) continue;
    const list = byMinute.get(m);
    if (list) list.push(r.agg);
    else byMinute.set(m, [r.agg]);
  }
  return [...byMinute].sort((a, b) => a[0] - b[0]).map(([minute, secs]) => {
    const ok = secs.filter(judged);
    return {
      minute,
      judgedS: ok.length,
      shares: callReport(secs, secs.length).shares,
      blinks: secs.reduce((n, a) => n + a.blinks, 0),
      expressiveness: ok.length ? mean(ok.map((a) => a.expressiveness)) : null,
    };
  });
}

async function packetSession(db: SelfviewDB, s: SessionRecord, perMinute: boolean, opener?: Opener | null): Promise<PacketSession> {
  const { summary: stored } = await openSessionFields(s, opener);
  const nudges = await nudgesOf(db, s.id);
  const counts: Record<string, number> = {};
  for (const n of nudges) counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  // Seconds are read only when needed: for per-minute means, or for a session not yet summarised.
  const rows = perMinute || !stored ? await Promise.all((await samplesOf(db, s.id)).map(async (r) => ({ t: r.t, agg: await openSample(r, opener) }))) : [];
  const durationS = s.endedAt !== null ? Math.max(0, Math.round((s.endedAt - s.startedAt) / 1000)) : rows.length;
  const summary = stored ?? summarize(rows.map((r) => r.agg), durationS, nudges.length);
  return {
    date: localDate(s.startedAt),
    startedAt: s.startedAt,
    site: s.site,
    durationS: summary.durationS,
    judgedS: summary.judgedS,
    shares: { ...summary.shares },
    blinksPerMinute: summary.blinksPerMinute,
    expressiveness: summary.expressiveness,
    nudges: counts,
    perMinute: perMinute ? minutes(rows) : null,
  };
}

/** Builds a packet of the selected sessions; encrypted ones need the opener (else `LockedError`). */
export async function buildCoachPacket(db: SelfviewDB, sel: ExportSelection, opts: PacketOptions, opener?: Opener | null): Promise<CoachPacket> {
  const sessions: PacketSession[] = [];
  for (const s of await selectSessions(db, sel)) sessions.push(await packetSession(db, s, opts.perMinute, opener));
  return {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    // A fresh id per packet, so importing the same packet twice is noticed.
    id: crypto.randomUUID(),
    createdAt: opts.now,
    person: opts.displayName.trim(),
    perMinute: opts.perMinute,
    sessions,
  };
}

/** The packet as JSON text: validated (an empty or unsafe display name is refused here), one session per line. */
export function serializePacket(p: CoachPacket): string {
  const v = checked(packetSchema, p, 'coach packet');
  v.sessions.sort((a, b) => a.startedAt - b.startedAt);
  return layout(v);
}
