/**
 * Sessions a killed browser (a crash, a power cut, `kill -9`) left open: nothing could end them, so
 * they are ended when the extension next starts, as "interrupted", at the end of their last stored
 * second — what was stored stays, and the history does not show a call still running for days.
 */
import type { SelfviewDB } from '../db/schema';
import { endSession, samplesRange } from '../db/sessions';

/**
 * Ends every open session except `activeId` (the one being analysed now, if any) as interrupted.
 * Returns the ids it ended.
 */
export async function endInterruptedSessions(db: SelfviewDB, activeId: string | null): Promise<string[]> {
  // endedAt null is not an indexable key, so open sessions are found by a scan (a few thousand rows at most).
  const open = await db.sessions.filter((s) => s.endedAt === null && s.id !== activeId).toArray();
  const ended: string[] = [];
  for (const s of open) {
    const last = await samplesRange(db, s.id).last();
    // A stored second `at` covers [at, at + 1 s): the call lasted at least that long.
    const endedAt = last ? Math.max(s.startedAt, last.at + 1000) : s.startedAt;
    if (await endSession(db, s.id, endedAt, 'interrupted')) ended.push(s.id);
  }
  return ended;
}
