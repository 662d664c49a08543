// Protects notes and tags: stored plain (tags cleaned and searchable) without encryption; sealed with a new key when encryption is on, keeping the sealed summary; refused with LockedError for a sealed session without the vault.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SelfviewDB } from './schema';
import { cleanTags, setNotesAndTags } from './notes';
import { labelString } from '../transfer/fields';
import { findSessions } from './queries';
import { createSession, endSession, LockedError, openSessionFields } from './sessions';
import { summarize } from './summaries';
import { freshDB, recordedSeconds, testVault } from './test-support';

const T0 = 1_700_000_000_000;
let db: SelfviewDB;
beforeEach(async () => {
  db = freshDB();
  await createSession(db, { id: 's1', site: 'meet', startedAt: T0, settings: { sampleFps: 5 } });
  await endSession(db, 's1', T0 + 31_000, 'stopped');
});
afterEach(() => db.close());

describe('setNotesAndTags', () => {
  it('stores notes and cleaned tags, and the tags find the session', async () => {
    await setNotesAndTags(db, 's1', 'Slow down on slide 3.', [' interview ', 'interview', '', 'x'.repeat(60)]);
    const s = (await db.sessions.get('s1'))!;
    expect(s.notes).toBe('Slow down on slide 3.');
    expect(s.tags).toEqual(['interview', 'x'.repeat(40)]);
    expect((await findSessions(db, { tag: 'interview' })).map((r) => r.id)).toEqual(['s1']);
    await setNotesAndTags(db, 's1', '', []);
    expect(await findSessions(db, { tag: 'interview' })).toEqual([]);
  });

  it('refuses a session that is not stored', async () => {
    await expect(setNotesAndTags(db, 'nope', 'x', [])).rejects.toThrow('no longer stored');
  });

  it('seals the notes with encryption on, keeping the summary, and needs the vault for a sealed session', async () => {
    const vault = testVault();
    const summary = summarize(recordedSeconds(), 31, 0);
    await db.sessions.update('s1', { summary });
    await setNotesAndTags(db, 's1', 'private words', ['team'], vault);
    const s = (await db.sessions.get('s1'))!;
    expect([s.notes, s.summary, s.tags]).toEqual(['', undefined, ['team']]);
    expect(JSON.stringify(await db.sessions.toArray())).not.toContain('private words');
    expect(await openSessionFields(s, vault.opener)).toEqual({ notes: 'private words', summary });
    expect(await db.keys.where('sessionId').equals('s1').count()).toBe(1);

    await expect(setNotesAndTags(db, 's1', 'plain', [])).rejects.toBeInstanceOf(LockedError);
    expect((await db.sessions.get('s1'))!.sealed).toEqual(s.sealed);
    await setNotesAndTags(db, 's1', 'changed', ['team', 'late'], vault);
    expect(await openSessionFields((await db.sessions.get('s1'))!, vault.opener)).toEqual({ notes: 'changed', summary });
  });
});

describe('cleanTags', () => {
  it('keeps the order given and drops duplicates after trimming', () => {
    expect(cleanTags(['b', 'a ', ' b', 'a'])).toEqual(['b', 'a']);
  });

  it('removes markup, control characters and direction overrides, so every stored tag passes the import schema', () => {
    const hostile = ['<script>alert(1)</script>', 'tab\there', '\u202eevil', '<>', 'x'.repeat(60)];
    const clean = cleanTags(hostile);
    expect(clean).toEqual(['scriptalert(1)/script', 'tabhere', 'evil', 'x'.repeat(40)]);
    for (const t of clean) expect(labelString(64).safeParse(t).success).toBe(true);
  });
});
