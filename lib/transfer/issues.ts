/**
 * Turns a schema's complaint into one plain English sentence that names where the problem is, e.g.
 * "sessions[3].startedAt must be a number", so a person (or a maintainer reading a bug report)
 * can find the bad value in the file.
 */
import type { z } from 'zod';

/** `["sessions", 3, "startedAt"]` → `sessions[3].startedAt`; the root is "the file". */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || 'the file';
}

/** What kind of JSON value `v` is, in words. */
export function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'infinite (too large to store)';
  if (typeof v === 'boolean') return 'true or false';
  return 'an object';
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** The value at `path` inside `root` (undefined when any step is absent). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const list = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');
const unit = (origin: string) => (origin === 'string' ? ' characters' : origin === 'array' ? ' entries' : '');

/** One sentence for a zod issue about `input`. */
export function issueText(issue: z.core.$ZodIssue, input: unknown): string {
  const where = pathText(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return `${where} is missing`;
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof value === 'number' && Number.isFinite(value)) return `${where} must be a whole number`;
      return `${where} must be ${expected}, not ${kindOf(value)}`;
    }
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? `${where} must not be empty`
        : `${where} must be at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'too_big':
      return `${where} must be at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'unrecognized_keys':
      return `${where} has an unknown field ${list(issue.keys)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `${where} must be ${list(issue.values)}` : `${where} must be one of ${list(issue.values)}`;
    case 'invalid_format':
    case 'custom':
      return `${where} ${issue.message}`;
    case 'invalid_key':
      return `${where} is not an allowed name`;
    case 'not_multiple_of':
      return `${where} must be a whole number`;
    default:
      return `${where} is not valid`;
  }
}
