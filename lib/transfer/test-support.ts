/**
 * Test-only data for the transfer tests (imported by `*.test.ts` only): a database with several
 * ended calls made of real recorded seconds, nudges, notes with unicode and hostile text, goals, and
 * one running call; and a snapshot of every table to prove that a refused import changed nothing.
 */
import { summarize } from '../db/summaries';
import type { SelfviewDB } from '../db/schema';
import { recordedSeconds } from '../db/test-support';

/** When the test calls start (ms since the epoch). */
export const T0 = 1_760_000_000_000;
/** The `exportedAt` used by the tests, so two exports are comparable byte for byte. */
export const EXPORTED_AT = 1_770_000_000_000;

/** Notes a person could really type, and text an attacker would put in a shared file. */
export const HOSTILE_NOTES = 'Präsentation 🎤 — 日本語 "quoted", comma; semi\nsecond line\r\nCRLF\t=HYPERLINK("http://evil.example","click") <script>alert(1)</script> \u202eevil';

/** Stores three ended calls (two with summaries, all with nudges) plus one running call, and two goals. */
export async function storeCalls(db: SelfviewDB): Promise<string[]> {
  const secs = recordedSeconds();
  const calls = [
    { id: 'call-a', site: 'meet', notes: HOSTILE_NOTES, tags: ['interview', 'Ünïcode tag'], seconds: secs, summary: true },
    { id: 'call-b', site: 'https://jitsi.example.org:8443', notes: '=1+2', tags: [], seconds: secs.slice(0, 12), summary: false },
    { id: 'call-c', site: 'zoom', notes: '', tags: ['team call', '-minus'], seconds: secs.slice(10), summary: true },
  ];
  for (const [i, c] of calls.entries()) {
    const startedAt = T0 + i * 86_400_000;
    const durationS = c.seconds.length + 2;
    await db.sessions.add({
      id: c.id, site: c.site, startedAt, endedAt: startedAt + durationS * 1000, endReason: i === 1 ? 'left' : 'stopped',
      seconds: c.seconds.length, notes: c.notes, tags: c.tags, settings: i === 0 ? { sampleFps: 5, baselineId: 'base-1' } : { sampleFps: 5 },
      ...(c.summary ? { summary: summarize(c.seconds, durationS, 2) } : {}),
    });
    await db.samples.bulkAdd(c.seconds.map((agg, t) => ({ sessionId: c.id, t, at: startedAt + t * 1000, agg })));
    await db.nudges.bulkAdd([
      { sessionId: c.id, at: startedAt + 5000, t: 5, kind: 'lookAway', message: "You've barely looked at the camera for about a minute.", text: { key: 'lookAway', halfMinutes: 2 }, notHelpful: i === 1 },
      { sessionId: c.id, at: startedAt + 9000, t: 9, kind: 'framing', message: '@SUM(A1) framing', notHelpful: false },
    ]);
  }
  await db.sessions.add({ id: 'call-running', site: 'meet', startedAt: T0 + 5 * 86_400_000, endedAt: null, endReason: null, seconds: 1, notes: '', tags: [], settings: { sampleFps: 5 } });
  await db.samples.add({ sessionId: 'call-running', t: 0, at: T0 + 5 * 86_400_000, agg: secs[0]! });
  await db.goals.bulkAdd([
    { id: 'goal-1', cue: 'lookingAtCamera', direction: 'atLeast', target: 0.6, createdAt: T0 - 1000, archivedAt: null },
    { id: 'goal-2', cue: 'browsDrawn', direction: 'atMost', target: 0.2, createdAt: T0 - 500, archivedAt: T0 + 100 },
  ]);
  return calls.map((c) => c.id);
}

/** Every record of every table, for comparing a database before and after. */
export async function snapshot(db: SelfviewDB): Promise<unknown> {
  const tables = [db.sessions, db.samples, db.nudges, db.goals, db.packets, db.keys, db.meta];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.toArray()] as const)));
}
