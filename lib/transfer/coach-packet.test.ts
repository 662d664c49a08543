// Protects what a person shares with a coach: aggregates only (no notes, tags or single seconds),
// per-minute means only when asked for, their chosen name, and a fresh id per packet.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfviewDB } from '../db/schema';
import { freshDB } from '../db/test-support';
import { summarize } from '../db/summaries';
import { recordedSeconds } from '../db/test-support';
import { buildCoachPacket, serializePacket } from './coach-packet';
import { parseImport } from './import';
import { EXPORTED_AT, storeCalls } from './test-support';

let db: SelfviewDB;
beforeAll(async () => {
  db = freshDB();
  await storeCalls(db);
});

describe('coach packet', () => {
  it('holds per-session aggregates and nudge counts, never notes or tags', async () => {
    const p = await buildCoachPacket(db, { kind: 'all' }, { displayName: '  Ada L. ', perMinute: false, now: EXPORTED_AT });
    expect(p).toMatchObject({ format: 'selfview-coach-packet', version: 1, person: 'Ada L.', createdAt: EXPORTED_AT, perMinute: false });
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.sessions.map((s) => s.site)).toEqual(['meet', 'https://jitsi.example.org:8443', 'zoom']);
    const [a, b] = p.sessions;
    expect(a!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a!.nudges).toEqual({ lookAway: 1, framing: 1 });
    expect(a!.perMinute).toBeNull();
    // call-b has no stored summary: it is computed from its seconds, the same way the history does.
    const expected = summarize(recordedSeconds().slice(0, 12), 14, 2);
    expect(b).toMatchObject({ durationS: 14, judgedS: expected.judgedS, shares: expected.shares, blinksPerMinute: expected.blinksPerMinute, expressiveness: expected.expressiveness });
    const text = serializePacket(p);
    expect(text).not.toContain('HYPERLINK');
    expect(text).not.toContain('interview');
    expect(text).not.toContain('"agg"');
  });

  it('adds per-minute means only when ticked, and round-trips through the importer', async () => {
    const p = await buildCoachPacket(db, { kind: 'sessions', ids: ['call-a'] }, { displayName: 'Ada', perMinute: true, now: EXPORTED_AT });
    const minutes = p.sessions[0]!.perMinute!;
    expect(minutes).toHaveLength(1);
    const secs = recordedSeconds();
    expect(minutes[0]!.blinks).toBe(secs.reduce((n, s) => n + s.blinks, 0));
    expect(minutes[0]!.judgedS).toBe(p.sessions[0]!.judgedS);
    const back = parseImport(serializePacket(p));
    expect(back).toEqual({ kind: 'packet', data: p });
  });

  it('gives every packet its own id', async () => {
    const opts = { displayName: 'Ada', perMinute: false, now: EXPORTED_AT };
    const [p1, p2] = await Promise.all([buildCoachPacket(db, { kind: 'all' }, opts), buildCoachPacket(db, { kind: 'all' }, opts)]);
    expect(p1.id).not.toBe(p2.id);
  });

  it('refuses to write a display name with markup or an empty one', async () => {
    const p = await buildCoachPacket(db, { kind: 'all' }, { displayName: '<b>Ada</b>', perMinute: false, now: EXPORTED_AT });
    expect(() => serializePacket(p)).toThrow('This coach packet cannot be written: person contains characters that are not allowed (markup such as < or >, or control characters).');
    const empty = await buildCoachPacket(db, { kind: 'all' }, { displayName: '   ', perMinute: false, now: EXPORTED_AT });
    expect(() => serializePacket(empty)).toThrow('This coach packet cannot be written: person must not be empty.');
  });
});
