import { beforeEach, describe, expect, it } from 'vitest';
import { fallbackText, missedCount, setFallbackMessages, type MessagesJson } from './fallback';

// The same forms the built messages.json holds (named, positional plural, three-form plural).
const MESSAGES: MessagesJson = {
  report_when: { message: '{date} · {duration} long' },
  history_exported: { message: '1 call exported. | $1 calls exported.' },
  nudge_blinkRate: { message: 'hardly at all | about once a minute | about $1 times a minute' },
  live_faces: { message: 'No face found | 1 face | $1 faces — reading the largest' },
};

describe('fallback texts', () => {
  beforeEach(() => setFallbackMessages(MESSAGES));

  it('substitutes named values', () => {
    expect(fallbackText('report.when', [{ date: '5 Jan', duration: '20:00' }])).toBe('5 Jan · 20:00 long');
  });
  it('picks the plural form by count and puts the count in, like @wxt-dev/i18n', () => {
    expect(fallbackText('history.exported', [1])).toBe('1 call exported.');
    expect(fallbackText('history.exported', [3])).toBe('3 calls exported.');
    expect(fallbackText('nudge.blinkRate', [0])).toBe('hardly at all');
    expect(fallbackText('nudge.blinkRate', [7])).toBe('about 7 times a minute');
    expect(fallbackText('live.faces', [2])).toBe('2 faces — reading the largest');
  });
  it('counts every miss, and answers "" without a fallback or for an unknown key', () => {
    const before = missedCount();
    expect(fallbackText('nope.key', [])).toBe('');
    setFallbackMessages(null);
    expect(fallbackText('report.when', [])).toBe('');
    expect(missedCount()).toBe(before + 2);
  });
});
