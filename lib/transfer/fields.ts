/**
 * The building blocks of the transfer schemas: bounded numbers and restricted strings. A file from
 * elsewhere is untrusted input, so every number is finite and inside a range that a real session can
 * produce, and every short string that a page shows (ids, sites, tags, names) has a length limit and
 * no markup or control characters. Notes are free text (always rendered as text, never as markup).
 */
import { z } from 'zod';
import { UNSAFE_LABEL_CHARS } from '../db/notes';

/** Latest ms since the epoch that a JavaScript Date can hold. */
export const MAX_TIME_MS = 8.64e15;
/** Longest session or per-session count the files allow: 115 days of seconds. */
export const MAX_SECONDS = 10_000_000;

/** Limits of the strings (in UTF-16 code units, as JavaScript counts `length`). */
export const LIMITS = {
  id: 100,
  site: 300,
  tag: 64,
  tags: 100,
  displayName: 80,
  notes: 20_000,
  nudgeMessage: 1_000,
} as const;

/** Characters of an id (UUIDs, site ids, nudge kinds): ASCII letters, digits and `. _ : -`. */
const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
/** A site: a site id or an origin such as `https://[::1]:8443`. */
const SITE_PATTERN = /^[A-Za-z0-9._:/[\]-]+$/;
/**
 * Short text shown in pages (tags, display names): no `<` or `>`, no control characters (C0, C1)
 * and no bidirectional overrides (which can make a name read differently from what it holds).
 */
const LABEL_PATTERN = new RegExp(`^[^${UNSAFE_LABEL_CHARS.source.slice(1, -1)}]+$`);

/** Message of a refused pattern; the import turns it into "<path> <message>". */
const HAS_BAD_CHARS = 'contains characters that are not allowed (markup such as < or >, or control characters)';

/** An integer in [min, max]. */
export const int = (min: number, max: number) => z.int().min(min).max(max);
/** A finite number in [min, max]. */
export const num = (min: number, max: number) => z.number().min(min).max(max);
/** A point in time: whole ms since the epoch. */
export const timeMs = int(0, MAX_TIME_MS);
/** A 0..1 fraction. */
export const fraction = num(0, 1);

/** An id: 1–100 of `A–Z a–z 0–9 . _ : -`. */
export const idString = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(ID_PATTERN, { error: 'may only contain letters, digits and . _ : -' });
/** A site id or origin. */
export const siteString = z
  .string()
  .min(1)
  .max(LIMITS.site)
  .regex(SITE_PATTERN, { error: 'may only contain letters, digits and . _ : / [ ] -' });
/** A label shown in pages (tag, display name) of at most `max` characters. */
export const labelString = (max: number) => z.string().min(1).max(max).regex(LABEL_PATTERN, { error: HAS_BAD_CHARS });
/** Free text of at most `max` characters. */
export const freeText = (max: number) => z.string().max(max);

/**
 * A stored tag as an export may hold it: markup and control characters removed, cut to the limit
 * ('' when nothing is left). The history page stores tags cleaned the same way; this guards
 * records written before that, as an export must never be refused by its own importer.
 */
export function exportableLabel(label: string, max: number): string {
  return label.replace(UNSAFE_LABEL_CHARS, '').trim().slice(0, max);
}
