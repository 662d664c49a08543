/**
 * Builds a full export (format "selfview-export", version 1) of chosen sessions: their records with
 * opened notes and summary, their seconds as plain aggregates, their nudges, and all goals.
 * Encrypted records are opened with the unlocked vault's opener; without one they throw `LockedError`.
 */
import type { NudgeRecord, SelfviewDB, SessionRecord } from '../db/schema';
import { nudgesOf, openSample, openSessionFields, samplesOf, type Opener } from '../db/sessions';
import { EXPORT_FORMAT, EXPORT_VERSION, exportSchema, type ExportGoal, type ExportNudge, type ExportSample, type ExportSession, type SelfviewExport } from './export-schema';
import { exportableLabel, LIMITS } from './fields';
import { byText, checked, layout } from './serialize';

/** Which sessions to export: every ended one, the given ones, or the ended ones started in [from, to] (ms, inclusive). */
export type ExportSelection = { kind: 'all' } | { kind: 'sessions'; ids: string[] } | { kind: 'range'; from: number; to: number };

/** The sessions a selection names, oldest first. Running sessions are incomplete, so only an explicit id list includes them. */
export async function selectSessions(db: SelfviewDB, sel: ExportSelection): Promise<SessionRecord[]> {
  let rows: SessionRecord[];
  if (sel.kind === 'sessions') rows = (await db.sessions.bulkGet([...new Set(sel.ids)])).filter((s): s is SessionRecord => s !== undefined);
  else if (sel.kind === 'range') rows = (await db.sessions.where('startedAt').between(sel.from, sel.to, true, true).toArray()).filter((s) => s.endedAt !== null);
  else rows = (await db.sessions.toArray()).filter((s) => s.endedAt !== null);
  return rows.sort((a, b) => a.startedAt - b.startedAt || byText(a.id, b.id));
}

function nudgeOut(n: NudgeRecord): ExportNudge {
  const text = n.text ? { key: n.text.key, halfMinutes: n.text.halfMinutes, blinks: n.text.blinks } : null;
  return { sessionId: n.sessionId, at: n.at, t: n.t, kind: n.kind, message: n.message, text, notHelpful: n.notHelpful };
}

/** Reads the selected sessions with everything that belongs to them. `now` becomes `exportedAt`. */
export async function buildExport(db: SelfviewDB, sel: ExportSelection, opener?: Opener | null, now: number = Date.now()): Promise<SelfviewExport> {
  const sessions: ExportSession[] = [];
  const samples: ExportSample[] = [];
  const nudges: ExportNudge[] = [];
  for (const s of await selectSessions(db, sel)) {
    const { notes, summary } = await openSessionFields(s, opener);
    sessions.push({
      id: s.id,
      site: s.site,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      endReason: s.endReason,
      seconds: s.seconds,
      // Cut to the limits the importer enforces (see fields.ts), so every export can be imported again.
      notes: notes.slice(0, LIMITS.notes),
      tags: [...new Set(s.tags.map((t) => exportableLabel(t, LIMITS.tag)).filter(Boolean))].slice(0, LIMITS.tags),
      settings: { sampleFps: s.settings.sampleFps, baselineId: s.settings.baselineId ?? null },
      summary: summary ?? null,
    });
    for (const r of await samplesOf(db, s.id)) samples.push({ sessionId: r.sessionId, t: r.t, at: r.at, agg: await openSample(r, opener) });
    nudges.push(...(await nudgesOf(db, s.id)).map(nudgeOut));
  }
  const goals: ExportGoal[] = (await db.goals.toArray()).map((g) => ({ id: g.id, cue: g.cue, direction: g.direction, target: g.target, createdAt: g.createdAt, archivedAt: g.archivedAt }));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now, sessions, samples, nudges, goals };
}

/**
 * The export as JSON text: validated (a record the importer would refuse is reported here, not
 * discovered on import), keys in schema order, lists sorted, one entry per line. Deterministic.
 */
export function serializeExport(x: SelfviewExport): string {
  const v = checked(exportSchema, x, 'export');
  v.sessions.sort((a, b) => a.startedAt - b.startedAt || byText(a.id, b.id));
  v.samples.sort((a, b) => byText(a.sessionId, b.sessionId) || a.t - b.t);
  v.nudges.sort((a, b) => byText(a.sessionId, b.sessionId) || a.at - b.at);
  v.goals.sort((a, b) => a.createdAt - b.createdAt || byText(a.id, b.id));
  return layout(v);
}
