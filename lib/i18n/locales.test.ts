/** The locale files: the same keys and placeholders in every language, nothing empty, no feelings. */
import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '@wxt-dev/i18n/build';
import { LOCALES, parsedMessages, type Locale } from './test-support';

/** Every text of a file by its full key; a plural's forms are `key.0`, `key.1`, `key.n`. */
async function leaves(locale: Locale): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const add = (m: ParsedMessage) => {
    const key = m.key.join('.');
    if (m.type === 'plural') for (const [form, text] of Object.entries(m.plurals)) out.set(`${key}.${form}`, text);
    else out.set(key, m.message);
  };
  (await parsedMessages(locale)).forEach(add);
  return out;
}

/** `$1`…`$9` and `{name}` placeholders of a text, sorted. */
const placeholders = (text: string): string[] => [...new Set(text.match(/(?<!\$)\$[1-9]|\{[A-Za-z0-9_]+\}/g) ?? [])].sort();

/** Words for feelings, whole words (English) or word starts (German: Gefühl, Gefühle, Gefühlen…). */
const EMOTION_EN = /(?<!\p{L})(happy|happier|happiness|sad|sadness|angry|anger|fear|fearful|afraid|disgust|disgusted|surprise|surprised|emotion|emotions|emotional|mood|moods|joy|joyful|upset|anxious|anxiety|frustrated)(?!\p{L})/iu;
const EMOTION_DE = /(?<!\p{L})(freude|freudig|fröhlich|glücklich|glück|traurig|trauer|wütend|wut|ärger|verärgert|angst|ängstlich|ekel|angeekelt|überrasch|emotion|gefühl|stimmung|laune)/iu;

describe('locale files', () => {
  it('have exactly the same keys', async () => {
    const [en, de] = await Promise.all(LOCALES.map(leaves));
    expect([...de!.keys()].sort()).toEqual([...en!.keys()].sort());
    expect(en!.size).toBeGreaterThan(200);
  });

  it('have the same placeholders per key', async () => {
    const [en, de] = await Promise.all(LOCALES.map(leaves));
    const differ = [...en!].filter(([k, text]) => placeholders(text).join() !== placeholders(de!.get(k) ?? '').join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('have no empty text and no " | " (the plural separator)', async () => {
    for (const locale of LOCALES) {
      for (const [key, text] of await leaves(locale)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(text, `${locale} ${key}`).not.toContain(' | ');
      }
    }
  });

  it('name movements, never feelings', async () => {
    for (const locale of LOCALES) {
      for (const [key, text] of await leaves(locale)) {
        expect(text, `${locale} ${key}`).not.toMatch(EMOTION_EN);
        expect(text, `${locale} ${key}`).not.toMatch(EMOTION_DE);
      }
    }
    // The lists do catch them.
    expect('Du wirkst traurig').toMatch(EMOTION_DE);
    expect('Gefühle zeigen').toMatch(EMOTION_DE);
    // eslint-disable-next-line no-restricted-syntax -- a word for a feeling, to check that the list catches it
    expect('You look happy').toMatch(EMOTION_EN);
  });

  it('keep message names distinct for Chrome (case-insensitive, "." becomes "_")', async () => {
    const names = (await parsedMessages('en')).map((m) => m.key.join('_').toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('word German quality issues so that a lower-case first letter stays correct (they follow a colon)', async () => {
    const de = await leaves('de');
    const starts = [...de].filter(([k]) => k.startsWith('quality.issue.') || k === 'gate.unclear').map(([, text]) => text.split(' ')[0]!.toLowerCase());
    expect(starts.length).toBe(8);
    for (const w of starts) expect(['kein', 'dein', 'zu', 'wenig', 'das']).toContain(w);
  });

  it('keep the manifest description within Chrome\'s 132 characters', async () => {
    for (const locale of LOCALES) expect((await leaves(locale)).get('extDescription')!.length).toBeLessThanOrEqual(132);
  });
});
