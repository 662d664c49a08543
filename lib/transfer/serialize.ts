/**
 * Deterministic JSON text for Selfview files: the same content always gives the same bytes, so an
 * export, imported into an empty database and exported again, is byte-identical. Keys come out in
 * the schema's order (zod builds its output in shape order), lists in a fixed sort order, and each
 * list entry on its own line (readable, diffable, and still compact).
 */
import type { z } from 'zod';
import { issueText } from './issues';

/** Code-unit comparison (not locale-dependent, so every machine sorts alike). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Validates `value` with `schema` (which also puts its keys in schema order); throws a plain message otherwise. */
export function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`This ${what} cannot be written: ${issueText(r.error.issues[0]!, value)}.`);
  return r.data;
}

/** The object's scalar fields on the first line, then each list with one entry per line. */
export function layout(obj: Record<string, unknown>): string {
  const head: string[] = [];
  const lists: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      const rows = v.map((e) => JSON.stringify(e)).join(',\n');
      lists.push(`${JSON.stringify(k)}:[${rows ? `\n${rows}\n` : ''}]`);
    } else {
      head.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    }
  }
  return `{${[head.join(','), ...lists].filter(Boolean).join(',\n')}}\n`;
}
