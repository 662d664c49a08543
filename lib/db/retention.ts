/** Keeping calls only as long as the user chose (Settings › Your calls): older ones are deleted. */
import type { SelfviewDB } from './schema';
import { deleteSessionsEndedBefore } from './delete';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the calls that ended more than `days` days before `now`, with their seconds, nudges and
 * keys; `null` keeps everything. A running call is never deleted. Returns how many were deleted.
 */
export async function applyRetention(db: SelfviewDB, now: number, days: number | null): Promise<number> {
  if (days === null) return 0;
  if (!Number.isFinite(days) || days <= 0) throw new Error(`Invalid retention of ${days} days.`);
  return deleteSessionsEndedBefore(db, now - days * DAY_MS);
}
