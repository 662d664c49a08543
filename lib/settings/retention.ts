/**
 * How long calls are kept. Stored as `{ days }` rather than a bare number: WXT storage reads a
 * stored `null` as "nothing stored" and would turn "keep forever" back into the default.
 */
import { storage } from 'wxt/utils/storage';

/** The choices offered (days); null keeps calls until the user deletes them. */
export const RETENTION_CHOICES: readonly (number | null)[] = [30, 90, 180, 365, null];

/** Three months: long enough to see a trend across weeks of calls, short enough not to pile up. */
export const DEFAULT_RETENTION_DAYS = 90;

/** The stored choice. */
export interface Retention {
  /** Calls that ended more than this many days ago are deleted; null keeps them. */
  days: number | null;
}

/** The stored retention (`local:retention`, version 1). */
export const retentionDays = storage.defineItem<Retention>('local:retention', { fallback: { days: DEFAULT_RETENTION_DAYS }, version: 1 });

/** A stored value checked: a whole number of days from 1 to 3650, or null; anything else takes the default. */
export function parseRetention(raw: unknown): Retention {
  const days = typeof raw === 'object' && raw !== null ? (raw as { days?: unknown }).days : undefined;
  if (days === null) return { days: null };
  if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 3650) return { days };
  return { days: DEFAULT_RETENTION_DAYS };
}

/** The number of days calls are kept (null: forever). */
export async function readRetentionDays(): Promise<number | null> {
  return parseRetention(await retentionDays.getValue()).days;
}

/** Stores the choice (checked the same way it is read). */
export function setRetentionDays(days: number | null): Promise<void> {
  return retentionDays.setValue(parseRetention({ days }));
}
