/**
 * Checks across the lists of an export that a schema cannot express: ids are unique, every second
 * and nudge belongs to a session in the same file, and no second or nudge appears twice.
 */
import type { SelfviewExport } from './export-schema';

/** The first problem found, as a phrase for "The file cannot be imported: …", or null. */
export function crossCheck(x: SelfviewExport): string | null {
  const ids = new Set<string>();
  for (const [i, s] of x.sessions.entries()) {
    if (ids.has(s.id)) return `sessions[${i}] repeats the session id "${s.id}"`;
    ids.add(s.id);
  }
  const seconds = new Set<string>();
  for (const [i, r] of x.samples.entries()) {
    if (!ids.has(r.sessionId)) return `samples[${i}].sessionId "${r.sessionId}" does not belong to any session in the file`;
    // JSON of the pair: ids cannot contain quotes, so the key is unambiguous.
    const key = JSON.stringify([r.sessionId, r.t]);
    if (seconds.has(key)) return `samples[${i}] repeats second ${r.t} of session "${r.sessionId}"`;
    seconds.add(key);
  }
  const nudges = new Set<string>();
  for (const [i, n] of x.nudges.entries()) {
    if (!ids.has(n.sessionId)) return `nudges[${i}].sessionId "${n.sessionId}" does not belong to any session in the file`;
    const key = JSON.stringify([n.sessionId, n.at]);
    if (nudges.has(key)) return `nudges[${i}] repeats the nudge at ${n.at} of session "${n.sessionId}"`;
    nudges.add(key);
  }
  const goals = new Set<string>();
  for (const [i, g] of x.goals.entries()) {
    if (goals.has(g.id)) return `goals[${i}] repeats the goal id "${g.id}"`;
    goals.add(g.id);
  }
  return null;
}
