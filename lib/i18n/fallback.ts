/**
 * A second source for the texts of extension pages. Right after Selfview is installed or updated,
 * and under heavy load, Chromium has answered `chrome.i18n.getMessage` with "" for some keys (seen in
 * fresh test browsers): a page rendered then showed empty labels and buttons. Pages therefore also
 * read the same built `_locales/<lang>/messages.json` themselves and re-render from it if a text
 * came back empty. Pure: the messages are passed in.
 */

/** The shape of a built messages.json. */
export type MessagesJson = Record<string, { message: string }>;

let messages: MessagesJson | null = null;
let missed = 0;

/** Makes `messages` the fallback (null removes it). */
export function setFallbackMessages(m: MessagesJson | null): void {
  messages = m;
}

/** How many texts came back empty from the browser since the page started. */
export const missedCount = (): number => missed;

/**
 * The text for `key` as @wxt-dev/i18n would have made it from `chrome.i18n`: positional `$1`…`$9`,
 * a count choosing among "one | many" or "zero | one | many" forms, and `{name}` substitutions.
 * Counts a miss; returns "" when there is no fallback either.
 */
export function fallbackText(key: string, args: readonly unknown[]): string {
  missed++;
  const raw = messages?.[key.replaceAll('.', '_')]?.message;
  if (raw === undefined) return '';
  let count: number | undefined;
  let subs: string[] | undefined;
  let named: Record<string, unknown> | undefined;
  for (const a of args) {
    if (typeof a === 'number') count = a;
    else if (Array.isArray(a)) subs = a.map(String);
    else if (a && typeof a === 'object') named = a as Record<string, unknown>;
  }
  if (count !== undefined && !subs) subs = [String(count)];
  let text = raw.replace(/\$(\d)/g, (m, d: string) => subs?.[Number(d) - 1] ?? m);
  if (count !== undefined) {
    const forms = text.split(' | ');
    text = forms.length === 2 ? forms[count === 1 ? 0 : 1]! : forms.length === 3 ? forms[count === 0 || count === 1 ? count : 2]! : text;
  }
  return named ? text.replace(/\{([A-Za-z0-9_]+)\}/g, (m, k: string) => (Object.hasOwn(named!, k) ? String(named![k]) : m)) : text;
}
