/**
 * Session summaries (schema v3): the numbers the history page lists, compares and checks goals
 * against, computed once from a session's seconds after it ended, so the page never has to read
 * every second of every call again.
 */
import type { SecondAggregate } from '../cues/types';
import { mean } from '../cues/math';
import { callReport } from '../feedback/report';
import { QUALITY_THRESHOLD } from '../feedback/quality-gate';
import type { SelfviewDB, SessionRecord, SessionSummary } from './schema';
import { LockedError, openSessionFields, readSeconds, type Opener, type Sealer } from './sessions';

/** The sample writer flushes every 2 s: a session that ended just now may still get its last seconds, so it is summarised a little later. */
export const SETTLE_MS = 10_000;

/** A session's summary from its seconds (sorted by t), its length from start to end and the nudges it had. Pure. */
export function summarize(seconds: SecondAggregate[], durationS: number, nudges: number): SessionSummary {
  const r = callReport(seconds, durationS);
  // The same seconds the report's shares are of: a well-tracked face.
  const judged = seconds.filter((a) => a.cues !== null && a.quality >= QUALITY_THRESHOLD);
  return {
    v: 1,
    durationS,
    judgedS: r.judgedS,
    unreadS: r.unreadS,
    shares: { ...r.shares },
    blinksPerMinute: r.blinksPerMinute,
    expressiveness: judged.length ? mean(judged.map((a) => a.expressiveness)) : null,
    nudges,
  };
}

/** Options of `ensureSummaries`. */
export interface EnsureOptions {
  /** Opens encrypted seconds and fields; without it (and a sealer) encrypted sessions are skipped. */
  opener?: Opener | null;
  /** With it, new summaries are stored sealed (encryption is on). */
  sealer?: Sealer | null;
  /** ms since the epoch (default: now); sessions ended less than `SETTLE_MS` before are left for later. */
  now?: number;
}

/**
 * Fills in the summary of every ended session that has none, and returns how many it filled.
 * Encrypted sessions are done only when both an opener and a sealer are given; with a sealer
 * (encryption on), every new summary is stored sealed. A session whose seconds cannot be opened
 * (sealed, no opener) is left for later.
 */
export async function ensureSummaries(db: SelfviewDB, opts: EnsureOptions = {}): Promise<number> {
  const { opener = null, sealer = null } = opts;
  const settled = (opts.now ?? Date.now()) - SETTLE_MS;
  // Running sessions (endedAt null) are not in the endedAt index.
  const ended = await db.sessions.where('endedAt').belowOrEqual(settled).toArray();
  let filled = 0;
  for (const s of ended) {
    if (s.summary || (s.sealed && !(opener && sealer))) continue;
    try {
      if (await summarizeOne(db, s, opener, sealer)) filled++;
    } catch (err) {
      // Seconds sealed while the session's fields are not (encryption turned on mid-call): needs the opener.
      if (!(err instanceof LockedError)) throw err;
    }
  }
  return filled;
}

async function summarizeOne(db: SelfviewDB, s: SessionRecord, opener: Opener | null, sealer: Sealer | null): Promise<boolean> {
  const fields = await openSessionFields(s, opener);
  if (fields.summary) return false;
  const seconds = await readSeconds(db, s.id, opener);
  const nudges = await db.nudges.where('sessionId').equals(s.id).count();
  const summary = summarize(seconds, Math.max(0, Math.round((s.endedAt! - s.startedAt) / 1000)), nudges);
  // Sealed before the transaction: WebCrypto promises inside one would end it early.
  const sealed = sealer ? await sealFields(sealer, s.id, { notes: fields.notes, summary }) : null;
  return db.transaction('rw', db.sessions, db.keys, async () => {
    const now = await db.sessions.get(s.id);
    // Deleted, or changed by another page meanwhile: leave it (a later call catches it up).
    if (!now || now.summary || now.sealed?.keyId !== s.sealed?.keyId || now.notes !== s.notes) return false;
    if (sealed) {
      await db.keys.put(sealed.key);
      await db.sessions.update(s.id, { sealed: sealed.value, notes: '', summary: undefined });
    } else {
      await db.sessions.update(s.id, { summary });
    }
    return true;
  });
}

/** Seals a session's `{ notes, summary }` with a new data key; the key record is stored with it. */
export async function sealFields(sealer: Sealer, sessionId: string, fields: { notes: string; summary: SessionSummary | undefined }) {
  const k = await sealer.newKey(sessionId);
  return { key: k.record, value: await k.seal(fields) };
}
