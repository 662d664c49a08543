// Protects finding sessions: by site, tag and start range (alone and combined), newest first, and the list of sites and tags in use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfviewDB, SessionRecord } from './schema';
import { findSessions, sitesAndTags } from './queries';
import { freshDB } from './test-support';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
const rec = (id: string, site: string, day: number, tags: string[], ended = true): SessionRecord =>
  ({ id, site, startedAt: T0 + day * DAY, endedAt: ended ? T0 + day * DAY + 60_000 : null, endReason: ended ? 'left' : null, seconds: 60, notes: '', tags, settings: { sampleFps: 5 } });

let db: SelfviewDB;
beforeAll(async () => {
  db = freshDB();
  await db.sessions.bulkAdd([
    rec('a', 'meet', 0, ['interview']),
    rec('b', 'jitsi', 1, ['team', 'interview']),
    rec('c', 'meet', 2, ['team']),
    rec('d', 'https://meet.example.org', 3, []),
    rec('e', 'meet', 4, [], false),
  ]);
});
afterAll(() => db.close());

const ids = (xs: SessionRecord[]) => xs.map((s) => s.id);

describe('findSessions', () => {
  it('returns all sessions newest first with an empty filter', async () => {
    expect(ids(await findSessions(db, {}))).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('filters by site, by tag and by start range', async () => {
    expect(ids(await findSessions(db, { site: 'meet' }))).toEqual(['e', 'c', 'a']);
    expect(ids(await findSessions(db, { tag: 'interview' }))).toEqual(['b', 'a']);
    expect(ids(await findSessions(db, { from: T0 + DAY, to: T0 + 3 * DAY }))).toEqual(['d', 'c', 'b']);
    expect(ids(await findSessions(db, { from: T0 + 3 * DAY + 1 }))).toEqual(['e']);
    expect(ids(await findSessions(db, { to: T0 }))).toEqual(['a']);
  });

  it('combines the filters', async () => {
    expect(ids(await findSessions(db, { site: 'meet', tag: 'team' }))).toEqual(['c']);
    expect(ids(await findSessions(db, { tag: 'team', from: T0 + 2 * DAY }))).toEqual(['c']);
    expect(ids(await findSessions(db, { site: 'meet', to: T0 + DAY }))).toEqual(['a']);
    expect(ids(await findSessions(db, { site: 'zoom' }))).toEqual([]);
    expect(ids(await findSessions(db, { from: T0 + DAY, to: T0 }))).toEqual([]);
  });
});

describe('sitesAndTags', () => {
  it('lists every site and tag once, sorted', async () => {
    expect(await sitesAndTags(db)).toEqual({ sites: ['https://meet.example.org', 'jitsi', 'meet'], tags: ['interview', 'team'] });
  });

  it('is empty for an empty database', async () => {
    const empty = freshDB();
    try {
      expect(await sitesAndTags(empty)).toEqual({ sites: [], tags: [] });
    } finally {
      empty.close();
    }
  });
});
