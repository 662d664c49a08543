/**
 * The first, format-independent checks of an imported file's text: its size, that it is JSON, and
 * that it holds no key that could reach an object's prototype. Each failure is an `ImportError` with
 * a sentence a person can act on.
 */

/** Largest file Selfview imports, in bytes of UTF-8 (about 30 hours of recorded seconds at ~1 KB each; longer histories are exported by date range). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Keys refused anywhere in a file: with them, careless code elsewhere could change shared prototypes. */
/**
 * Largest encrypted file: its ciphertext holds the JSON string of the text inside (escaping its
 * quotes adds up to a third), and base64 adds another third.
 */
export const MAX_ENVELOPE_BYTES = 2 * MAX_IMPORT_BYTES;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A file Selfview will not import; the message says why, in plain English. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Bytes of `text` in UTF-8, without building the encoded copy. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/** The error for a file over `limit` bytes. */
export function tooLarge(bytes: number, limit: number = MAX_IMPORT_BYTES): ImportError {
  return new ImportError(`The file is too large to import (${mb(bytes)}; the limit is ${mb(limit)}). Export a shorter date range and import that.`);
}

/**
 * Parses the JSON text of an import, refusing prototype keys. Files over `MAX_ENVELOPE_BYTES` are
 * refused before parsing; the caller checks `bytes` against the limit of the format it finds.
 */
export function parseJsonText(text: string): { value: unknown; bytes: number } {
  // A UTF-8 byte per UTF-16 unit at the least, so a longer string is certainly too large.
  const bytes = text.length > MAX_ENVELOPE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_ENVELOPE_BYTES) throw tooLarge(bytes);
  if (!text.trim()) throw new ImportError('The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    // V8 reports a cut-off file as "Unexpected end of JSON input", with no position.
    const at = pos ? Number(pos[1]) : /end of (JSON )?input/i.test(msg) ? text.length : null;
    const where = at === null ? '' : ` at ${lineColumn(text, at)}`;
    const ends = at !== null && at >= text.trimEnd().length ? ' It ends too early: it may have been cut short while saving or copying.' : '';
    throw new ImportError(`The file is not valid JSON${where}.${ends} (${msg.replace(/\s*in JSON at position.*$/, '')})`);
  }
  refuseForbiddenKeys(value);
  return { value, bytes };
}

/** Throws when any object inside `value` has a key named `__proto__`, `constructor` or `prototype`. */
function refuseForbiddenKeys(value: unknown): void {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], path: `${path}[${i}]` });
      continue;
    }
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) throw new ImportError(`The file cannot be imported: it contains a field named "${k}"${path ? ` in ${path}` : ''}, which Selfview refuses.`);
      const child = (v as Record<string, unknown>)[k];
      if (child !== null && typeof child === 'object') stack.push({ v: child, path: /^[A-Za-z_$][\w$]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]` });
    }
  }
}
