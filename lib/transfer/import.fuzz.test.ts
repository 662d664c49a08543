// Property test of the importer: whatever a file is changed into — keys dropped, retyped or added
// (including prototype keys), values swapped for random JSON or text, the text cut or spliced — it is
// either accepted as a valid file or refused with an ImportError, nothing else escapes, and a refused
// file leaves the database exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfviewDB } from '../db/schema';
import { freshDB } from '../db/test-support';
import { crossCheck } from './cross-check';
import { buildExport, serializeExport } from './export';
import { exportSchema, packetSchema } from './export-schema';
import { ImportError, importExport, importPacket, parseImport } from './import';
import { EXPORTED_AT, snapshot, storeCalls } from './test-support';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Path = (string | number)[];

let valid: Json;
let db: SelfviewDB;
beforeAll(async () => {
  const src = freshDB();
  await storeCalls(src);
  valid = JSON.parse(serializeExport(await buildExport(src, { kind: 'sessions', ids: ['call-b'] }, null, EXPORTED_AT)));
  src.close();
  db = freshDB();
  await storeCalls(db);
});
afterAll(() => db.close());

/** Every path to a value inside `v` (the root is []). */
function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push(...paths(v[k], [...at, Array.isArray(v) ? Number(k) : k]));
  return out;
}

/** Sets an own property (so `__proto__` becomes a real key, as JSON.parse would make it). */
const setOwn = (o: Json, k: string | number, value: unknown) => Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });

type Mutation = { op: 'drop' | 'replace' | 'insert' | 'retype' | 'notes'; pick: number; key: string; value: unknown };

function apply(x: Json, m: Mutation): Json {
  if (m.op === 'notes') {
    // A change a person could make: any text as the notes (the importer must take it as it is).
    x.sessions[0].notes = m.key;
    return x;
  }
  const all = paths(x);
  const path = all[m.pick % all.length]!;
  const parent = path.length ? path.slice(0, -1).reduce((o: Json, k) => o[k], x) : null;
  const last = path[path.length - 1];
  const target = path.reduce((o: Json, k) => o[k], x);
  if (m.op === 'insert' && target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target, m.key, m.value);
  else if (parent === null) return m.value;
  else if (m.op === 'drop' && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (m.op === 'drop') Reflect.deleteProperty(parent, last!);
  else if (m.op === 'retype') setOwn(parent, last!, typeof target === 'number' ? String(target) : typeof target === 'string' ? target.length : [target]);
  else setOwn(parent, last!, m.value);
  return x;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  // Replacing is weighted up: it is the mutation that can still leave a valid file.
  op: fc.oneof({ arbitrary: fc.constant('replace' as const), weight: 4 }, fc.constantFrom('drop', 'insert', 'retype')),
  pick: fc.nat(),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'format', 'version', 'id'), fc.string()),
  // Values that fit many fields (fractions, counts, text) as well as anything JSON can hold.
  value: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.string(), fc.jsonValue(), fc.string({ unit: 'binary' }), fc.constantFrom(-1, 1e308, 0.5, '<script>alert(1)</script>', '=HYPERLINK("x")', 'selfview-coach-packet')),
});

/** Notes edited to any text: always a valid file, so the accepting path is exercised too. */
const harmless: fc.Arbitrary<Mutation[]> = fc.string({ unit: 'binary', maxLength: 200 }).map((key) => [{ op: 'notes', pick: 0, key, value: null }]);

/** Raw-text damage on top: cut short, or random text spliced in. */
const textDamage = fc.option(fc.record({ at: fc.nat(), cut: fc.boolean(), insert: fc.string({ unit: 'binary', maxLength: 8 }) }), { freq: 5 });

describe('import fuzzing', () => {
  it('accepts only valid files, refuses the rest with ImportError, and a refusal changes nothing', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: harmless, weight: 1 }, { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 2 }), textDamage, async (ms, damage) => {
        let x: Json = structuredClone(valid);
        for (const m of ms) x = apply(x, m);
        let text = JSON.stringify(x) ?? 'undefined';
        if (damage) {
          const at = damage.at % (text.length + 1);
          text = damage.cut ? text.slice(0, at) : text.slice(0, at) + damage.insert + text.slice(at);
        }
        const before = await snapshot(db);
        try {
          const p = parseImport(text);
          if (p.kind === 'export') {
            expect(exportSchema.safeParse(p.data).success).toBe(true);
            expect(crossCheck(p.data)).toBeNull();
            await importExport(db, p.data);
          } else if (p.kind === 'packet') {
            expect(packetSchema.safeParse(p.data).success).toBe(true);
            await importPacket(db, p.data, 1);
          }
          seen.accepted++;
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
          expect(e.message.length).toBeGreaterThan(10);
          expect(await snapshot(db)).toEqual(before);
          seen.refused++;
        }
      }),
      { numRuns: 300 },
    );
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(100);
  }, 60_000);
});
