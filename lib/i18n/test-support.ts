/**
 * For unit tests (Node): the locale files as the browser sees them (`_locales/<lang>/messages.json`,
 * made by the same @wxt-dev/i18n build code as `wxt build`), and chrome.i18n.getMessage over them,
 * installed on WXT's fake browser so that `i18n.t` answers in that language.
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeFile = (locale: Locale): string => resolve(import.meta.dirname, 'locales', `${locale}.yml`);

/** The parsed messages of a locale file, without the browser's predefined `@@` messages. */
export async function parsedMessages(locale: Locale): Promise<ParsedMessage[]> {
  return (await parseMessagesFile(localeFile(locale))).filter((m) => !m.key[0]!.startsWith('@@'));
}

/** chrome.i18n.getMessage over a messages.json object: names are case-insensitive, `$1`–`$9` are substitutions, `$$` is `$`. */
export function getMessageOver(messages: Record<string, { message: string }>): (name: string, subs?: string | string[]) => string {
  const byName = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v.message]));
  return (name, subs) => {
    const message = byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (list[Number(d) - 1] ?? '')));
  };
}

/** Makes `i18n.t` answer from this locale's file, as Chrome would with the browser in that language. */
export async function useLocale(locale: Locale): Promise<void> {
  const getMessage = getMessageOver(generateChromeMessages(await parsedMessages(locale)));
  (fakeBrowser.i18n as unknown as { getMessage: typeof getMessage }).getMessage = getMessage;
}
