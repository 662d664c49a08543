// Protects the export's promise: what Selfview writes, it reads back exactly — export, import into
// an empty database, export again gives the same bytes, in the clear and with encryption at rest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openerWith, sealerWith } from '../crypto/data-keys';
import { RSA_PARAMS } from '../crypto/vault-record';
import type { SelfviewDB } from '../db/schema';
import { LockedError } from '../db/sessions';
import { freshDB } from '../db/test-support';
import { buildExport, serializeExport } from './export';
import { importExport, parseImport } from './import';
import { EXPORTED_AT, HOSTILE_NOTES, storeCalls, T0 } from './test-support';

let a: SelfviewDB;
let b: SelfviewDB;
beforeEach(async () => {
  a = freshDB();
  b = freshDB();
  await storeCalls(a);
});
afterEach(() => {
  a.close();
  b.close();
});

function parsedExport(text: string) {
  const p = parseImport(text);
  if (p.kind !== 'export') throw new Error(`expected an export, got ${p.kind}`);
  return p.data;
}

describe('export', () => {
  it('holds the ended sessions with their seconds, nudges and all goals', async () => {
    const x = await buildExport(a, { kind: 'all' }, null, EXPORTED_AT);
    expect(x.sessions.map((s) => s.id)).toEqual(['call-a', 'call-b', 'call-c']);
    expect(x.samples).toHaveLength(31 + 12 + 21);
    expect(x.nudges).toHaveLength(6);
    expect(x.goals.map((g) => g.id)).toEqual(['goal-1', 'goal-2']);
    expect(x.sessions[0]!.notes).toBe(HOSTILE_NOTES);
    expect(x.sessions[1]!.summary).toBeNull();
    expect(x.samples[0]!.agg.cues?.smile.mean).toBeTypeOf('number');
  });

  it('selects by ids (a running session only when named) and by date range', async () => {
    const ids = await buildExport(a, { kind: 'sessions', ids: ['call-c', 'call-running', 'nope'] }, null, EXPORTED_AT);
    expect(ids.sessions.map((s) => s.id)).toEqual(['call-c', 'call-running']);
    const range = await buildExport(a, { kind: 'range', from: T0 + 1, to: T0 + 86_400_000 }, null, EXPORTED_AT);
    expect(range.sessions.map((s) => s.id)).toEqual(['call-b']);
    expect(new Set(range.samples.map((r) => r.sessionId))).toEqual(new Set(['call-b']));
  });

  it('round-trips byte for byte: export → import into an empty database → export', async () => {
    const first = serializeExport(await buildExport(a, { kind: 'all' }, null, EXPORTED_AT));
    expect(await importExport(b, parsedExport(first))).toEqual({ added: 3, duplicates: 0 });
    const second = serializeExport(await buildExport(b, { kind: 'all' }, null, EXPORTED_AT));
    expect(second).toBe(first);
    // Importing the same file again adds nothing.
    expect(await importExport(b, parsedExport(first))).toEqual({ added: 0, duplicates: 3 });
    expect(await b.samples.count()).toBe(64);
  });

  it('is deterministic whatever order the lists come in', async () => {
    const x = await buildExport(a, { kind: 'all' }, null, EXPORTED_AT);
    const shuffled = { ...x, sessions: [...x.sessions].reverse(), samples: [...x.samples].reverse(), nudges: [...x.nudges].reverse(), goals: [...x.goals].reverse() };
    expect(serializeExport(shuffled)).toBe(serializeExport(x));
  });

  it('round-trips through encryption at rest: imported sealed, exported opened, same bytes', async () => {
    const pair = (await crypto.subtle.generateKey(RSA_PARAMS, false, ['wrapKey', 'unwrapKey'])) as CryptoKeyPair;
    const first = serializeExport(await buildExport(a, { kind: 'all' }, null, EXPORTED_AT));
    await importExport(b, parsedExport(first), sealerWith(pair.publicKey));
    const stored = await b.sessions.get('call-a');
    expect(stored?.notes).toBe('');
    expect(stored?.summary).toBeUndefined();
    expect(stored?.sealed).toBeDefined();
    expect((await b.samples.toArray()).every((r) => r.agg === undefined && r.sealed !== undefined)).toBe(true);
    expect(await b.keys.count()).toBe(3);
    await expect(buildExport(b, { kind: 'all' }, null, EXPORTED_AT)).rejects.toBeInstanceOf(LockedError);
    const second = serializeExport(await buildExport(b, { kind: 'all' }, openerWith(b, pair.privateKey), EXPORTED_AT));
    expect(second).toBe(first);
  });

  it('writes nothing the importer would refuse: markup in stored tags is dropped from the export', async () => {
    await a.sessions.update('call-c', { tags: ['<b>bold</b>', 'ok\u0007'] });
    const x = await buildExport(a, { kind: 'sessions', ids: ['call-c'] }, null, EXPORTED_AT);
    expect(x.sessions[0]!.tags).toEqual(['bbold/b', 'ok']);
    expect(() => parseImport(serializeExport(x))).not.toThrow();
  });

  it('refuses to write an export its importer would refuse, naming the field', async () => {
    const x = await buildExport(a, { kind: 'all' }, null, EXPORTED_AT);
    x.sessions[0]!.site = '<img src=x>';
    expect(() => serializeExport(x)).toThrow('This export cannot be written: sessions[0].site may only contain letters, digits and . _ : / [ ] -.');
  });
});
