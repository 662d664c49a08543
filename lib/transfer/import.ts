/**
 * Imports Selfview files: a full export (sessions with their seconds and nudges, goals), a coach
 * packet (kept for the trainer view), or an encrypted file (the page asks for the passphrase, then
 * parses the decrypted text again). Nothing from a file is trusted: it is size-checked, parsed,
 * validated against the schema, cross-checked, and then written in one transaction or not at all.
 */
import type { KeyRecord, NudgeRecord, SampleRecord, SelfviewDB, SessionRecord } from '../db/schema';
import type { Sealer } from '../db/sessions';
import { ENCRYPTED_FORMAT, envelopeSchema, EXPORT_FORMAT, EXPORT_LIMITS, EXPORT_VERSION, exportSchema, type EncryptedEnvelope, type SelfviewExport } from './export-schema';
import { crossCheck } from './cross-check';
import { issueText } from './issues';
import { PACKET_FORMAT, PACKET_LIMITS, PACKET_VERSION, packetSchema, type CoachPacket } from './packet-schema';
import { ImportError, MAX_IMPORT_BYTES, parseJsonText, tooLarge } from './parse-json';
import type { z } from 'zod';

export { ImportError, MAX_IMPORT_BYTES } from './parse-json';

/** What an imported file turned out to be. */
export type ParsedImport = { kind: 'export'; data: SelfviewExport } | { kind: 'packet'; data: CoachPacket } | { kind: 'encrypted'; envelope: EncryptedEnvelope };

const KINDS = {
  [EXPORT_FORMAT]: { what: 'Selfview export', version: EXPORT_VERSION, schema: exportSchema, lists: EXPORT_LIMITS },
  [PACKET_FORMAT]: { what: 'coach packet', version: PACKET_VERSION, schema: packetSchema, lists: { sessions: PACKET_LIMITS.sessions } },
  [ENCRYPTED_FORMAT]: { what: 'encrypted Selfview file', version: 1, schema: envelopeSchema, lists: {} },
} as const;

/** A value from the file, shown safely and briefly inside a message. */
const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 40);

/** Validates with `schema`; the first problem becomes the message. */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ImportError(`The file cannot be imported: ${issueText(r.error.issues[0]!, value)}.`);
  return r.data;
}

/** Parses and checks the text of a file the person chose; throws `ImportError` saying what is wrong. */
export function parseImport(text: string): ParsedImport {
  if (typeof text !== 'string') throw new ImportError('The file could not be read as text.');
  const { value, bytes } = parseJsonText(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ImportError('This is not a Selfview file: it does not hold a JSON object.');
  const { format, version } = value as Record<string, unknown>;
  if (format === undefined) throw new ImportError('This is not a Selfview file: it has no "format" field.');
  if (!Object.hasOwn(KINDS, format as string)) throw new ImportError(`This is not a Selfview file: its format is ${shown(format)}, and Selfview reads "${EXPORT_FORMAT}", "${PACKET_FORMAT}" and "${ENCRYPTED_FORMAT}".`);
  const kind = KINDS[format as keyof typeof KINDS];
  if (format !== ENCRYPTED_FORMAT && bytes > MAX_IMPORT_BYTES) throw tooLarge(bytes);
  if (version !== kind.version) {
    const v = version === undefined ? 'has no version' : `is version ${shown(version)}`;
    throw new ImportError(`This ${kind.what} ${v}; this Selfview reads version ${kind.version} only. A newer file needs a newer Selfview.`);
  }
  // Lengths first: a list far over its limit is refused before every entry is validated.
  for (const [key, max] of Object.entries(kind.lists)) {
    const list = (value as Record<string, unknown>)[key];
    if (Array.isArray(list) && list.length > max) throw new ImportError(`The file cannot be imported: ${key} has ${list.length} entries; at most ${max} are allowed.`);
  }
  if (format === EXPORT_FORMAT) return { kind: 'export', data: checkExport(value) };
  if (format === PACKET_FORMAT) return { kind: 'packet', data: validate(packetSchema, value) };
  return { kind: 'encrypted', envelope: validate(envelopeSchema, value) };
}

/** Schema and cross-checks of an export (also run by `importExport`, which may be handed an object directly). */
function checkExport(value: unknown): SelfviewExport {
  const x = validate(exportSchema, value);
  const problem = crossCheck(x);
  if (problem) throw new ImportError(`The file cannot be imported: ${problem}.`);
  return x;
}

/** The records of one imported session, sealed when a sealer is given. */
interface Prepared {
  session: SessionRecord;
  samples: SampleRecord[];
  nudges: NudgeRecord[];
  key: KeyRecord | null;
}

async function prepare(x: SelfviewExport, ids: Set<string>, sealer: Sealer | null): Promise<Prepared[]> {
  const out = new Map<string, Prepared>();
  for (const s of x.sessions) {
    if (!ids.has(s.id)) continue;
    const session: SessionRecord = { ...s, tags: [...s.tags], settings: { ...s.settings }, summary: s.summary ?? undefined };
    if (!s.summary) delete session.summary;
    out.set(s.id, { session, samples: [], nudges: [], key: null });
  }
  for (const r of x.samples) out.get(r.sessionId)?.samples.push({ sessionId: r.sessionId, t: r.t, at: r.at, agg: r.agg });
  for (const n of x.nudges) {
    const { text, ...rest } = n;
    out.get(n.sessionId)?.nudges.push(text ? { ...rest, text: { ...text } } : rest);
  }
  if (sealer) {
    // Sealed here, before the transaction: WebCrypto inside a Dexie transaction would end it.
    for (const p of out.values()) {
      const { record, seal } = await sealer.newKey(p.session.id);
      p.key = record;
      p.session.sealed = await seal({ notes: p.session.notes, summary: p.session.summary });
      p.session.notes = '';
      delete p.session.summary;
      for (const r of p.samples) {
        r.sealed = await seal(r.agg);
        delete r.agg;
      }
    }
  }
  return [...out.values()];
}

/**
 * Stores an export: sessions not yet stored (with their seconds and nudges) and goals not yet
 * stored. A session whose id is already stored is skipped and counted as a duplicate. With a sealer
 * (encryption on) everything is stored sealed. All in one transaction: on any failure nothing changes.
 */
export async function importExport(db: SelfviewDB, x: SelfviewExport, sealer?: Sealer | null): Promise<{ added: number; duplicates: number }> {
  const data = checkExport(x);
  const stored = new Set((await db.sessions.bulkGet(data.sessions.map((s) => s.id))).flatMap((s) => (s ? [s.id] : [])));
  let prepared: Prepared[];
  try {
    prepared = await prepare(data, new Set(data.sessions.map((s) => s.id).filter((id) => !stored.has(id))), sealer ?? null);
  } catch (e) {
    throw new ImportError(`The file could not be encrypted for storage, so nothing was imported. (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return await db.transaction('rw', [db.sessions, db.samples, db.nudges, db.goals, db.keys], async () => {
      // Checked again inside the transaction: another page may have stored some meanwhile.
      const now = new Set((await db.sessions.bulkGet(prepared.map((p) => p.session.id))).flatMap((s) => (s ? [s.id] : [])));
      const fresh = prepared.filter((p) => !now.has(p.session.id));
      await db.sessions.bulkAdd(fresh.map((p) => p.session));
      await db.samples.bulkAdd(fresh.flatMap((p) => p.samples));
      await db.nudges.bulkAdd(fresh.flatMap((p) => p.nudges));
      await db.keys.bulkAdd(fresh.flatMap((p) => (p.key ? [p.key] : [])));
      const goalsStored = new Set((await db.goals.bulkGet(data.goals.map((g) => g.id))).flatMap((g) => (g ? [g.id] : [])));
      await db.goals.bulkAdd(data.goals.filter((g) => !goalsStored.has(g.id)).map((g) => ({ ...g })));
      return { added: fresh.length, duplicates: data.sessions.length - fresh.length };
    });
  } catch (e) {
    throw new ImportError(`The file could not be saved, so nothing was imported. (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Stores a coach packet for the trainer view; a packet already imported (same id) is not stored again. */
export async function importPacket(db: SelfviewDB, p: CoachPacket, now: number): Promise<{ added: boolean }> {
  const packet = validate(packetSchema, p);
  try {
    return await db.transaction('rw', db.packets, async () => {
      if (await db.packets.get(packet.id)) return { added: false };
      await db.packets.add({ id: packet.id, person: packet.person, createdAt: packet.createdAt, importedAt: now, packet });
      return { added: true };
    });
  } catch (e) {
    throw new ImportError(`The packet could not be saved, so nothing was imported. (${e instanceof Error ? e.message : String(e)})`);
  }
}
