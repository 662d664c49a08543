/**
 * Selfview's texts in the browser's language (English or German: lib/i18n/locales/*.yml), through
 * @wxt-dev/i18n, which reads chrome.i18n. Usable in pages, the background and content scripts —
 * not in the offscreen document (it has no chrome.i18n) nor in the pure modules run by unit tests.
 * Those keep producing English and expose stable keys and numbers (a gate `reason`, a baseline
 * error's counts, `nudgeText`); the functions here word those in the user's language.
 */
import type { ComponentChild } from 'preact';
import { i18n, type GeneratedI18nStructure } from '#i18n';
import type { CueName, QualityIssue } from '../cues/types';
import type { BaselineError } from '../feedback/baseline';
import { parseNudgeMessage, type NudgeText } from '../feedback/nudge-rules';
import type { GateReason } from '../feedback/quality-gate';
import { NEEDS_CONSENT, NOTICE, OTHER_TAB } from '../session/machine';
import { fallbackText } from './fallback';

export { i18n };

/**
 * `i18n.t`: a message by key, with `{name}` substitutions, or a count for plurals. When the browser
 * answers "" (see fallback.ts), the page's own copy of the messages answers instead.
 */
export const t: typeof i18n.t = ((key: string, ...args: unknown[]) => {
  const text = (i18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
  return text !== '' ? text : fallbackText(key, args);
}) as typeof i18n.t;

export type MessageKey = keyof GeneratedI18nStructure;

/** The language the texts are in ("en", "de"), for `<html lang>` and number and date formats. */
// `|| 'en'`: when Chromium answers a text with "" (lib/i18n/fallback) an empty tag would make every
// number and date format throw and take the page down before the fallback re-renders it.
export const lang = (): string => t('meta.lang') || 'en';

/** A 0..1 share as a whole percentage: "45%" / "45 %". */
export const pct = (v: number): string => t('format.percent', { n: Math.round(v * 100) });

/** A number with a fixed count of decimals, in the texts' language ("12.5" / "12,5"). */
export const fmtNumber = (v: number, digits: number): string => v.toLocaleString(lang(), { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A date and time in the texts' language. */
export const fmtDateTime = (ms: number, options?: Intl.DateTimeFormatOptions): string => new Date(ms).toLocaleString(lang(), options);

/** Sets the page's language and title (call once the page is shown). */
export function localisePage(title?: string): void {
  document.documentElement.lang = lang();
  if (title) document.title = title;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Short label of a cue. */
export const cueLabel = (name: CueName): string => t(`cue.${name}`);

/** What to tell the user when tracking is limited. */
export const qualityIssueText = (issue: QualityIssue): string => t(`quality.issue.${issue}`);

/** The gate's sentence for a second it did not judge (`GateResult.reason`). */
export function gateText(reason: GateReason): string {
  const what = reason === 'unclear' ? t('gate.unclear') : qualityIssueText(reason);
  return t('gate.message', { what: lowerFirst(what) });
}

/** Why a calibration made no baseline (`computeBaseline`'s error). */
export function calibrationErrorText(e: Pick<BaselineError, 'good' | 'total' | 'issue' | 'smiled'>): string {
  if (e.smiled) return t('calibration.smiled');
  return e.issue
    ? t('calibration.tooFewMostly', { good: e.good, total: e.total, issue: lowerFirst(qualityIssueText(e.issue)) })
    : t('calibration.tooFew', { good: e.good, total: e.total });
}

/** "about a minute", "about 2 and a half minutes"… from a count of half minutes (`halfMinutes`). */
export function durationText(half: number): string {
  if (half <= 2) return t('duration.minute');
  if (half === 3) return t('duration.minuteAndHalf');
  return half % 2 === 0 ? t('duration.minutes', { n: half / 2 }) : t('duration.minutesAndHalf', { n: Math.floor(half / 2) });
}

/** The words of a nudge from its key and numbers (`nudgeText`). */
export function nudgeWords(n: NudgeText): string {
  const about = durationText(n.halfMinutes ?? 2);
  switch (n.key) {
    case 'lookAway':
      return t('nudge.lookAway', { about });
    case 'browFurrow':
      return t('nudge.browFurrow');
    case 'noSmile':
      return t('nudge.noSmile', { about });
    case 'framing.offCentre':
      return t('nudge.framing.offCentre');
    case 'framing.tooClose':
      return t('nudge.framing.tooClose');
    case 'framing.tooFar':
      return t('nudge.framing.tooFar');
    case 'lowBlink':
      return t('nudge.lowBlink', { about, how: t('nudge.blinkRate', n.blinks ?? 0) });
  }
}

/**
 * A nudge in the user's language, from its key and numbers — or, for records made before nudges
 * carried them, from the English message. Unknown words are shown as they are.
 */
export function localiseNudge(message: string, text?: NudgeText): string {
  const n = text ?? parseNudgeMessage(message);
  return n ? nudgeWords(n) : message;
}

const NOTICE_KEY = { paused: 'notice.paused', cameraOff: 'notice.cameraOff' } as const satisfies Record<keyof typeof NOTICE, MessageKey>;

/**
 * Errors the call-session machine (lib/session/machine.ts, pure and English) gives for refused
 * requests, and their keys. lib/i18n/render.test.ts checks that these are the machine's words.
 */
export const MACHINE_ERRORS: Readonly<Record<string, MessageKey>> = {
  [NEEDS_CONSENT]: 'error.needsConsent',
  'This tab has no call that Selfview can see yet.': 'error.noCallHere',
  'No call is being analysed.': 'error.noSession',
  [OTHER_TAB]: 'notice.otherTab',
};

/** An error message in the user's language when it is one Selfview words itself; others as they are. */
export function localiseError(message: string): string {
  const key = MACHINE_ERRORS[message];
  return key ? (t as (k: string) => string)(key) : message;
}

/**
 * A notice for the call page in the user's language: the machine's `NOTICE` texts, and the
 * content script's "Selfview stopped: …", "Selfview could not start: …", "Selfview: …".
 */
export function localiseNotice(text: string): string {
  for (const k of Object.keys(NOTICE) as (keyof typeof NOTICE)[]) if (text === NOTICE[k]) return t(NOTICE_KEY[k]);
  const after = (prefix: string): string | null => (text.startsWith(prefix) ? localiseError(text.slice(prefix.length)) : null);
  let reason = after('Selfview stopped: ');
  if (reason !== null) return t('notice.stopped', { reason });
  reason = after('Selfview could not start: ');
  if (reason !== null) return t('notice.couldNotStart', { reason });
  reason = after('Selfview: ');
  if (reason !== null) return t('notice.error', { reason });
  return text;
}

type Structure = GeneratedI18nStructure;
/** Keys whose message has `{name}` placeholders and nothing else to fill in. */
type RichKey = { [K in MessageKey]: Structure[K] extends { plural: false; substitutions: 0; namedSubstitutions: readonly string[] } ? K : never }[MessageKey];
type NamesOf<K extends RichKey> = Structure[K] extends { namedSubstitutions: readonly (infer N extends string)[] } ? N : never;

/**
 * A message whose `{name}` placeholders are elements (a link, a <strong>, a span a test reads):
 * the translation decides where they go.
 */
export function rich<K extends RichKey>(key: K, parts: Record<NamesOf<K>, ComponentChild>): ComponentChild[] {
  // Without substitutions the message comes back with its placeholders.
  const raw = (t as (k: string) => string)(key);
  const byName = parts as Record<string, ComponentChild>;
  return raw.split(/\{([A-Za-z0-9_]+)\}/).map((piece, i) => (i % 2 === 1 ? (piece in byName ? byName[piece] : `{${piece}}`) : piece));
}
