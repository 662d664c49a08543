// Protects encryption at rest: a locked vault reads nothing, the passphrase unlocks it (and only the
// right one), enabling seals every stored record readably, disabling restores them exactly, and the
// stored vault holds neither the passphrase nor the private key in the clear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SampleWriter } from '../db/sample-writer';
import type { SelfviewDB, SessionSummary } from '../db/schema';
import { createSession, LockedError, openSessionFields, readSeconds, samplesOf } from '../db/sessions';
import { freshDB, recordedSeconds } from '../db/test-support';
import { OpenError } from './seal';
import { unlockedKey } from './unlocked';
import { currentOpener, disableEncryption, enableEncryption, encryptionEnabled, encryptionUnfinished, finishEncryption, lock, sealerFor, unlock } from './vault';
import { ENCRYPTION_META_KEY } from './vault-record';

const PASS = 'correct horse battery';
const T0 = 1_700_000_000_000;
const SUMMARY: SessionSummary = {
  v: 1, durationS: 31, judgedS: 28, unreadS: 3,
  shares: { lookingAtCamera: 0.6, smiling: 0.2, browsDrawn: 0.1, mouthOpen: 0.3, headTurned: 0.05, offCentre: null },
  blinksPerMinute: 14, expressiveness: 0.4, nudges: 1,
};

let db: SelfviewDB;
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDB();
});
afterEach(async () => {
  await lock();
  db.close();
});

/** Two ended calls with the recorded seconds; the first has notes, a summary and tags. */
async function storeCalls(): Promise<string[]> {
  const ids: string[] = [];
  const w = new SampleWriter(db);
  for (const [i, site] of ['meet.google.com', 'zoom.us'].entries()) {
    const s = await createSession(db, { site, startedAt: T0 + i * 3_600_000, settings: { sampleFps: 5 } });
    recordedSeconds().forEach((agg, t) => w.add(s.id, t, s.startedAt + t * 1000, agg));
    ids.push(s.id);
  }
  await w.close();
  await db.sessions.update(ids[0]!, { notes: 'Pitch to the board', tags: ['work'], summary: SUMMARY, endedAt: T0 + 31_000, endReason: 'stopped' });
  await db.sessions.update(ids[1]!, { endedAt: T0 + 3_631_000, endReason: 'left' });
  return ids;
}

/** Bytes and strings of a stored value, flattened to text (ArrayBuffers as latin-1, so a byte match shows). */
function storedText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof ArrayBuffer) return String.fromCharCode(...new Uint8Array(v));
    if (v instanceof Uint8Array) return String.fromCharCode(...v);
    return v;
  });
}

describe('vault', () => {
  it('is off until enabled: no sealer, no opener, nothing to unlock', async () => {
    expect(await encryptionEnabled(db)).toBe(false);
    expect(await sealerFor(db)).toBeNull();
    expect(await currentOpener(db)).toBeNull();
    await expect(unlock(db, PASS)).rejects.toThrow('Encryption is off');
  });

  it('seals without the passphrase and opens only after unlocking with it', async () => {
    await enableEncryption(db, PASS);
    expect(await encryptionEnabled(db)).toBe(true);
    await lock();
    expect(await currentOpener(db)).toBeNull();

    const key = await (await sealerFor(db))!.newKey('s1');
    await db.keys.put(key.record);
    const sealed = await key.seal({ notes: 'ä ✓', n: [1, 2] });
    expect(new TextDecoder().decode(sealed.data)).not.toContain('ä ✓');

    const opener = await unlock(db, PASS);
    expect(await opener.open(sealed)).toEqual({ notes: 'ä ✓', n: [1, 2] });
    // Another page of the same browser session finds the vault unlocked…
    expect(await (await currentOpener(db))!.open(sealed)).toEqual({ notes: 'ä ✓', n: [1, 2] });
    // …until it is locked anywhere.
    await lock();
    expect(await currentOpener(db)).toBeNull();
  });

  it('refuses a wrong passphrase with OpenError and stays locked', async () => {
    await enableEncryption(db, PASS);
    await lock();
    const wrong = unlock(db, 'correct horse battery ');
    await expect(wrong).rejects.toBeInstanceOf(OpenError);
    await expect(wrong).rejects.toThrow('the passphrase is wrong');
    expect(await currentOpener(db)).toBeNull();
  });

  it('refuses a passphrase shorter than 8 characters and a second enable', async () => {
    await expect(enableEncryption(db, 'short12')).rejects.toThrow('at least 8');
    expect(await encryptionEnabled(db)).toBe(false);
    await enableEncryption(db, PASS);
    await expect(enableEncryption(db, PASS)).rejects.toThrow('already on');
  });

  it('stores neither the passphrase nor the private key in the clear, and keeps the unlocked key out of local storage', async () => {
    await enableEncryption(db, PASS);
    const kept = await unlockedKey.getValue();
    const d = kept!.privateKey.d!;
    expect(d.length).toBeGreaterThan(300); // a 2048-bit private exponent
    const meta = await db.meta.get(ENCRYPTION_META_KEY);
    const text = storedText(meta);
    expect(text).not.toContain(d);
    expect(text).not.toContain(d.slice(0, 40));
    expect(text).not.toContain(PASS);
    expect(text).not.toContain('"d"');
    expect(Object.keys((meta!.value as { publicKey: JsonWebKey }).publicKey).sort()).toEqual(['alg', 'e', 'ext', 'key_ops', 'kty', 'n']);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual(['vault-key']);
  });

  it('seals existing seconds, notes and summaries, and reads them all back equal', async () => {
    const ids = await storeCalls();
    const before = await db.sessions.toArray();
    const seen: [number, number][] = [];
    await enableEncryption(db, PASS, (done, total) => seen.push([done, total]));
    expect(seen.at(-1)).toEqual([62, 62]);
    expect(await encryptionUnfinished(db)).toBe(false);

    const rows = await db.samples.toArray();
    expect(rows).toHaveLength(62);
    expect(rows.every((r) => r.sealed && r.agg === undefined)).toBe(true);
    expect(await db.keys.count()).toBe(2);
    const first = (await db.sessions.get(ids[0]!))!;
    expect(first.notes).toBe('');
    expect(first.summary).toBeUndefined();
    // What lists and retention need stays plain.
    expect(first).toMatchObject({ site: 'meet.google.com', startedAt: T0, endedAt: T0 + 31_000, tags: ['work'], seconds: 31 });

    await lock();
    await expect(readSeconds(db, ids[0]!)).rejects.toBeInstanceOf(LockedError);
    await expect(openSessionFields(first)).rejects.toBeInstanceOf(LockedError);
    const opener = await unlock(db, PASS);
    for (const id of ids) expect(await readSeconds(db, id, opener)).toEqual(recordedSeconds());
    expect(await openSessionFields(first, opener)).toEqual({ notes: 'Pitch to the board', summary: SUMMARY });
    expect(await openSessionFields((await db.sessions.get(ids[1]!))!, opener)).toEqual({ notes: '', summary: undefined });
    expect(before.map((s) => s.id).sort()).toEqual(ids.slice().sort());
  });

  it('disabling restores every record exactly as it was and deletes the keys and the vault', async () => {
    const ids = await storeCalls();
    const sessions = await db.sessions.orderBy('startedAt').toArray();
    const samples = await db.samples.toArray();
    await enableEncryption(db, PASS);
    await lock();
    await disableEncryption(db, await unlock(db, PASS));

    expect(await db.sessions.orderBy('startedAt').toArray()).toEqual(sessions);
    expect(await db.samples.toArray()).toEqual(samples);
    expect(await db.keys.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
    expect(await encryptionEnabled(db)).toBe(false);
    expect(await currentOpener(db)).toBeNull();
    expect(await readSeconds(db, ids[1]!)).toEqual(recordedSeconds());
  });

  it('an interrupted enable leaves each record plain or sealed, all readable', async () => {
    const ids = await storeCalls();
    // The pass stops after the first call (as when the page is closed mid-way).
    await expect(enableEncryption(db, PASS, (done) => { if (done >= 31) throw new Error('closed'); })).rejects.toThrow('closed');
    const bySession = await Promise.all(ids.map(async (id) => (await samplesOf(db, id)).map((r) => (r.sealed ? 'sealed' : 'plain'))));
    expect(new Set(bySession[0])).toEqual(new Set(['sealed']));
    expect(new Set(bySession[1])).toEqual(new Set(['plain']));
    const opener = (await currentOpener(db))!;
    for (const id of ids) expect(await readSeconds(db, id, opener)).toEqual(recordedSeconds());

    // The settings page offers to finish; that needs no passphrase.
    await lock();
    expect(await encryptionUnfinished(db)).toBe(true);
    await finishEncryption(db);
    expect(await encryptionUnfinished(db)).toBe(false);
    expect((await db.samples.toArray()).every((r) => r.sealed && !r.agg)).toBe(true);
    for (const id of ids) expect(await readSeconds(db, id, await unlock(db, PASS))).toEqual(recordedSeconds());
  });
});
