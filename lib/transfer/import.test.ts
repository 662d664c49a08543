// Protects the database from bad files: every kind of broken, oversized or hostile import is refused
// with a sentence that says what is wrong (asserted word for word), and leaves every table as it was.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SelfviewDB } from '../db/schema';
import { freshDB } from '../db/test-support';
import { buildCoachPacket, serializePacket } from './coach-packet';
import { buildExport, serializeExport } from './export';
import type { SelfviewExport } from './export-schema';
import { ImportError, importExport, importPacket, MAX_IMPORT_BYTES, parseImport } from './import';
import { MAX_ENVELOPE_BYTES } from './parse-json';
import { EXPORTED_AT, snapshot, storeCalls } from './test-support';

/** A JSON value as the tests edit it. */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let valid: string;
let packetText: string;
beforeAll(async () => {
  const src = freshDB();
  await storeCalls(src);
  valid = serializeExport(await buildExport(src, { kind: 'all' }, null, EXPORTED_AT));
  packetText = serializePacket(await buildCoachPacket(src, { kind: 'all' }, { displayName: 'Ada', perMinute: true, now: EXPORTED_AT }));
  src.close();
});

let db: SelfviewDB;
beforeEach(async () => {
  db = freshDB();
  // A database that already holds a call and a goal, so "unchanged" means something.
  await db.sessions.add({ id: 'mine', site: 'meet', startedAt: 1, endedAt: 2000, endReason: 'stopped', seconds: 0, notes: 'keep me', tags: ['own'], settings: { sampleFps: 5 } });
  await db.goals.add({ id: 'goal-own', cue: 'smiling', direction: 'atLeast', target: 0.3, createdAt: 1, archivedAt: null });
});
afterEach(() => db.close());

/** The valid export changed by `edit`, as text. */
const edited = (edit: (x: Json) => void) => () => {
  const x = JSON.parse(valid) as Json;
  edit(x);
  return JSON.stringify(x);
};
const editedPacket = (edit: (x: Json) => void) => () => {
  const x = JSON.parse(packetText) as Json;
  edit(x);
  return JSON.stringify(x);
};

/** Parses and, for an export or packet, imports; returns what was thrown. */
async function attempt(text: string): Promise<unknown> {
  try {
    const p = parseImport(text);
    if (p.kind === 'export') await importExport(db, p.data);
    if (p.kind === 'packet') await importPacket(db, p.data, 5);
    return null;
  } catch (e) {
    return e;
  }
}

const BAD: { name: string; text: () => string; message: string }[] = [
  { name: 'malformed JSON', text: () => '{"format": "selfview-export",, "version": 1}', message: 'The file is not valid JSON at line 1, column 30. (Expected double-quoted property name)' },
  { name: 'truncated file', text: () => valid.slice(0, 500), message: 'The file is not valid JSON at line 3, column 420. It ends too early: it may have been cut short while saving or copying. (Unexpected end of JSON input)' },
  { name: 'empty file', text: () => '  \n', message: 'The file is empty.' },
  { name: 'a list, not an object', text: () => '[1,2,3]', message: 'This is not a Selfview file: it does not hold a JSON object.' },
  { name: 'no format', text: () => '{"version":1}', message: 'This is not a Selfview file: it has no "format" field.' },
  { name: 'unknown format', text: edited((x) => (x.format = 'other-app-backup')), message: 'This is not a Selfview file: its format is "other-app-backup", and Selfview reads "selfview-export", "selfview-coach-packet" and "selfview-encrypted".' },
  { name: 'format inherited from Object.prototype', text: edited((x) => (x.format = 'toString')), message: 'This is not a Selfview file: its format is "toString", and Selfview reads "selfview-export", "selfview-coach-packet" and "selfview-encrypted".' },
  { name: 'unknown version', text: edited((x) => (x.version = 2)), message: 'This Selfview export is version 2; this Selfview reads version 1 only. A newer file needs a newer Selfview.' },
  { name: 'version as text', text: edited((x) => (x.version = '1')), message: 'This Selfview export is version "1"; this Selfview reads version 1 only. A newer file needs a newer Selfview.' },
  { name: 'packet of an unknown version', text: editedPacket((x) => (x.version = 7)), message: 'This coach packet is version 7; this Selfview reads version 1 only. A newer file needs a newer Selfview.' },
  { name: 'wrong type (text for a time)', text: edited((x) => (x.sessions[2].startedAt = 'yesterday')), message: 'The file cannot be imported: sessions[2].startedAt must be a number, not text.' },
  { name: 'wrong type (object for a list)', text: edited((x) => (x.nudges = {})), message: 'The file cannot be imported: nudges must be a list, not an object.' },
  { name: 'fractional second index', text: edited((x) => (x.samples[3].t = 2.5)), message: 'The file cannot be imported: samples[3].t must be a whole number.' },
  { name: 'negative number', text: edited((x) => (x.samples[2].agg.quality = -0.5)), message: 'The file cannot be imported: samples[2].agg.quality must be at least 0.' },
  { name: 'share above 1', text: edited((x) => (x.sessions[0].summary.shares.smiling = 1.5)), message: 'The file cannot be imported: sessions[0].summary.shares.smiling must be at most 1.' },
  { name: 'NaN as text', text: edited((x) => (x.samples[0].agg.cues.smile.mean = 'NaN')), message: 'The file cannot be imported: samples[0].agg.cues.smile.mean must be a number, not text.' },
  { name: 'number too large for JSON (1e999)', text: () => valid.replace('"seconds":31', '"seconds":1e999'), message: 'The file cannot be imported: sessions[0].seconds must be a number, not infinite (too large to store).' },
  { name: 'huge number', text: edited((x) => (x.sessions[0].endedAt = 1e300)), message: 'The file cannot be imported: sessions[0].endedAt must be at most 9007199254740991.' },
  { name: 'time past the last date', text: edited((x) => (x.sessions[0].endedAt = 8.7e15)), message: 'The file cannot be imported: sessions[0].endedAt must be at most 8640000000000000.' },
  { name: 'missing field', text: edited((x) => delete x.sessions[1].site), message: 'The file cannot be imported: sessions[1].site is missing.' },
  { name: 'unknown field', text: edited((x) => (x.sessions[0].password = 'x')), message: 'The file cannot be imported: sessions[0] has an unknown field "password".' },
  { name: 'unknown end reason', text: edited((x) => (x.sessions[0].endReason = 'exploded')), message: 'The file cannot be imported: sessions[0].endReason must be one of "stopped", "left", "tabClosed", "navigatedAway", "replaced", "interrupted".' },
  { name: 'huge list', text: edited((x) => (x.goals = new Array(1001).fill(0))), message: 'The file cannot be imported: goals has 1001 entries; at most 1000 are allowed.' },
  { name: 'huge list of samples', text: () => valid.replace('"samples":[', `"samples":[${'0,'.repeat(1_000_001)}`), message: 'The file cannot be imported: samples has 1000065 entries; at most 1000000 are allowed.' },
  { name: 'file over the size limit', text: () => 'x'.repeat(MAX_ENVELOPE_BYTES + 1), message: 'The file is too large to import (200.0 MB; the limit is 100.0 MB). Export a shorter date range and import that.' },
  { name: 'notes over their limit', text: edited((x) => (x.sessions[0].notes = 'n'.repeat(20_001))), message: 'The file cannot be imported: sessions[0].notes must be at most 20000 characters.' },
  { name: 'too many tags', text: edited((x) => (x.sessions[0].tags = Array.from({ length: 101 }, (_, i) => `t${i}`))), message: 'The file cannot be imported: sessions[0].tags must be at most 100 entries.' },
  { name: '__proto__ at the top', text: () => valid.replace('{"format"', '{"__proto__":{"polluted":true},"format"'), message: 'The file cannot be imported: it contains a field named "__proto__", which Selfview refuses.' },
  { name: '__proto__ deep inside', text: () => valid.replace('"settings":{', '"settings":{"__proto__":{"sampleFps":1},'), message: 'The file cannot be imported: it contains a field named "__proto__" in sessions[0].settings, which Selfview refuses.' },
  { name: 'constructor key', text: () => valid.replace('"agg":{', '"agg":{"constructor":{"prototype":{}},'), message: 'The file cannot be imported: it contains a field named "constructor" in samples[0].agg, which Selfview refuses.' },
  { name: 'prototype key in a packet', text: () => packetText.replace('"nudges":{', '"nudges":{"prototype":1,'), message: 'The file cannot be imported: it contains a field named "prototype" in sessions[0].nudges, which Selfview refuses.' },
  { name: 'script in a site', text: edited((x) => (x.sessions[1].site = '<script>alert(1)</script>')), message: 'The file cannot be imported: sessions[1].site may only contain letters, digits and . _ : / [ ] -.' },
  { name: 'HTML in a tag', text: edited((x) => x.sessions[0].tags.push('<img src=x onerror=alert(1)>')), message: 'The file cannot be imported: sessions[0].tags[2] contains characters that are not allowed (markup such as < or >, or control characters).' },
  { name: 'control character in a tag', text: edited((x) => (x.sessions[0].tags[0] = 'bell\u0007')), message: 'The file cannot be imported: sessions[0].tags[0] contains characters that are not allowed (markup such as < or >, or control characters).' },
  { name: 'right-to-left override in a tag', text: edited((x) => (x.sessions[0].tags[0] = 'gpj.\u202eexe')), message: 'The file cannot be imported: sessions[0].tags[0] contains characters that are not allowed (markup such as < or >, or control characters).' },
  { name: 'empty tag', text: edited((x) => (x.sessions[0].tags[0] = '')), message: 'The file cannot be imported: sessions[0].tags[0] must not be empty.' },
  { name: 'script in an id', text: edited((x) => (x.goals[0].id = '"><svg onload=alert(1)>')), message: 'The file cannot be imported: goals[0].id may only contain letters, digits and . _ : -.' },
  { name: 'HTML in a display name', text: editedPacket((x) => (x.person = '<b>Ada</b>')), message: 'The file cannot be imported: person contains characters that are not allowed (markup such as < or >, or control characters).' },
  { name: 'packet id not a UUID', text: editedPacket((x) => (x.id = 'abc')), message: 'The file cannot be imported: id must be a UUID.' },
  { name: 'packet with notes', text: editedPacket((x) => (x.sessions[0].notes = 'private')), message: 'The file cannot be imported: sessions[0] has an unknown field "notes".' },
  { name: 'orphan sample', text: edited((x) => (x.samples[40].sessionId = 'call-elsewhere')), message: 'The file cannot be imported: samples[40].sessionId "call-elsewhere" does not belong to any session in the file.' },
  { name: 'orphan nudge', text: edited((x) => x.nudges.push({ ...x.nudges[0], sessionId: 'gone' })), message: 'The file cannot be imported: nudges[6].sessionId "gone" does not belong to any session in the file.' },
  { name: 'duplicate second', text: edited((x) => x.samples.push({ ...x.samples[4] })), message: 'The file cannot be imported: samples[64] repeats second 4 of session "call-a".' },
  { name: 'duplicate session', text: edited((x) => x.sessions.push({ ...x.sessions[1] })), message: 'The file cannot be imported: sessions[3] repeats the session id "call-b".' },
  { name: 'duplicate goal', text: edited((x) => x.goals.push({ ...x.goals[0] })), message: 'The file cannot be imported: goals[2] repeats the goal id "goal-1".' },
  { name: 'encrypted file with too few iterations', text: () => JSON.stringify({ format: 'selfview-encrypted', version: 1, salt: 'AAAA', iterations: 1, iv: 'AAAA', data: 'AAAA' }), message: 'The file cannot be imported: iterations must be at least 100000.' },
  { name: 'encrypted file with non-base64 data', text: () => JSON.stringify({ format: 'selfview-encrypted', version: 1, salt: 'AAAA', iterations: 600000, iv: 'AAAA', data: '<script>' }), message: 'The file cannot be imported: data must be base64.' },
];

describe('refused imports', () => {
  it.each(BAD)('$name', async ({ text, message }) => {
    const before = await snapshot(db);
    const err = await attempt(text());
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe(message);
    expect(await snapshot(db)).toEqual(before);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('refuses the same bad exports when handed to importExport directly, changing nothing', async () => {
    for (const { text } of BAD) {
      let x: unknown;
      try {
        x = JSON.parse(text());
      } catch {
        continue;
      }
      if ((x as Json)?.format !== 'selfview-export') continue;
      const before = await snapshot(db);
      await expect(importExport(db, x as SelfviewExport)).rejects.toBeInstanceOf(ImportError);
      expect(await snapshot(db)).toEqual(before);
    }
  });

  it('rolls back everything when the database refuses a write half-way', async () => {
    // A leftover second of a session that is not stored: the import of that session collides with it.
    await db.samples.add({ sessionId: 'call-c', t: 3, at: 1, agg: JSON.parse(valid).samples[0].agg });
    const before = await snapshot(db);
    const p = parseImport(valid);
    if (p.kind !== 'export') throw new Error('expected an export');
    const err = await importExport(db, p.data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/^The file could not be saved, so nothing was imported\. \(/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('counts the size in UTF-8 bytes', () => {
    expect(MAX_IMPORT_BYTES).toBe(100 * 1024 * 1024);
    expect(MAX_ENVELOPE_BYTES).toBe(2 * MAX_IMPORT_BYTES);
  });
});

describe('accepted imports', () => {
  it('adds new sessions, skips stored ones as duplicates, keeps existing goals', async () => {
    const p = parseImport(valid);
    if (p.kind !== 'export') throw new Error('expected an export');
    expect(await importExport(db, p.data)).toEqual({ added: 3, duplicates: 0 });
    expect(await db.sessions.count()).toBe(4);
    expect((await db.sessions.get('mine'))?.notes).toBe('keep me');
    expect((await db.goals.toArray()).map((g) => g.id).sort()).toEqual(['goal-1', 'goal-2', 'goal-own']);
    expect(await importExport(db, p.data)).toEqual({ added: 0, duplicates: 3 });
  });

  it('stores a coach packet once; the same packet again is noticed', async () => {
    const p = parseImport(packetText);
    if (p.kind !== 'packet') throw new Error('expected a packet');
    expect(await importPacket(db, p.data, 42)).toEqual({ added: true });
    expect(await importPacket(db, p.data, 43)).toEqual({ added: false });
    const stored = await db.packets.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: p.data.id, person: 'Ada', createdAt: EXPORTED_AT, importedAt: 42 });
  });
});
