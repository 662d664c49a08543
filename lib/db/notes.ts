/** A session's notes and tags, written by the user on the history page. */
import type { SelfviewDB } from './schema';
import { LockedError, openSessionFields, type Opener, type Sealer } from './sessions';
import { sealFields } from './summaries';

/** Longest tag kept (longer ones are cut): tags are short labels such as "interview" or "team call". */
export const MAX_TAG_LENGTH = 40;
/** Most tags on one session. */
export const MAX_TAGS = 100;
/** Longest notes kept (the export format's limit, so a stored session always exports). */
export const MAX_NOTES_LENGTH = 20_000;

/**
 * Characters never kept in a label (tag, display name): markup, control characters and bidirectional
 * overrides (which make a label read differently from what it holds). Shared with the import schema,
 * so what the history page stores is always importable again.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_LABEL_CHARS = /[<>\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Tags as stored: unsafe characters removed, trimmed, cut to `MAX_TAG_LENGTH`, without empty ones and duplicates, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  const clean = tags.map((t) => t.replace(UNSAFE_LABEL_CHARS, '').trim().slice(0, MAX_TAG_LENGTH)).filter((t) => t !== '');
  return [...new Set(clean)].slice(0, MAX_TAGS);
}

/**
 * Stores a session's notes and tags. Tags stay plain (they are searched by index); notes are sealed
 * when `crypt` is given (encryption on). Throws `LockedError` for a sealed session without `crypt`,
 * and an error when the session does not exist.
 */
export async function setNotesAndTags(db: SelfviewDB, id: string, notes: string, tags: string[], crypt?: { opener: Opener; sealer: Sealer } | null): Promise<void> {
  const s = await db.sessions.get(id);
  if (!s) throw new Error('This call is no longer stored.');
  const clean = cleanTags(tags);
  notes = notes.slice(0, MAX_NOTES_LENGTH);
  if (s.sealed && !crypt) throw new LockedError();
  if (!crypt) {
    await db.sessions.update(id, { notes, tags: clean });
    return;
  }
  const { summary } = await openSessionFields(s, crypt.opener);
  // Sealed before the transaction: WebCrypto promises inside one would end it early.
  const sealed = await sealFields(crypt.sealer, id, { notes, summary });
  await db.transaction('rw', db.sessions, db.keys, async () => {
    if (!(await db.sessions.get(id))) throw new Error('This call is no longer stored.');
    await db.keys.put(sealed.key);
    await db.sessions.update(id, { notes: '', tags: clean, summary: undefined, sealed: sealed.value });
  });
}
