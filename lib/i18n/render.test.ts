/**
 * Protects the texts pages show, worded from the pure modules' keys and numbers: in English they are
 * the very words the pure modules produce (which their tests and the browser tests rely on), in German
 * they are German. The call-session machine's refusals (OTHER_TAB among them: since a page is never
 * told about another tab, it is the popup's error, not a page notice) are all known. `i18n.t` answers
 * from the locale files as Chrome would (see test-support).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { CUE_NAMES, type FrameCues, type QualityIssue } from '../cues/types';
import { computeBaseline, isBaseline, NOT_CALIBRATED_TEXT } from '../feedback/baseline';
import { NUDGE_KINDS } from '../feedback/nudge-config';
import { nudgeMessage, nudgeText, type Finding, type FramingIssue } from '../feedback/nudge-rules';
import { gateMessage, type GateReason } from '../feedback/quality-gate';
import { CUE_LABEL, QUALITY_ISSUE_TEXT } from '../labels';
import { EMPTY_STATE, NEEDS_CONSENT, NOTICE, OTHER_TAB, transition, type CallState } from '../session/machine';
import {
  calibrationErrorText, cueLabel, durationText, gateText, localiseError, localiseNotice, localiseNudge, MACHINE_ERRORS, nudgeWords, pct, qualityIssueText, rich, t,
} from './index';
import { useLocale } from './test-support';

const ISSUES = Object.keys(QUALITY_ISSUE_TEXT) as QualityIssue[];
const REASONS: GateReason[] = [...ISSUES, 'unclear'];
const FRAMINGS: FramingIssue[] = ['offCentre', 'tooClose', 'tooFar'];
const WINDOWS = [30, 45, 60, 75, 90, 94, 105, 120, 141, 150, 180, 234, 360, 600];

/** Every finding a rule can make, with a few blink rates. */
const FINDINGS: Finding[] = NUDGE_KINDS.flatMap((kind): Finding[] => {
  if (kind === 'framing') return FRAMINGS.map((framing) => ({ kind, framing }));
  if (kind === 'lowBlink') return [0, 0.3, 0.5, 1, 1.49, 1.5, 2.4, 4.6].map((perMin) => ({ kind, perMin }));
  return [{ kind }];
});

/** Calibration frames: `good` clear ones, the rest too dark (or without an issue). */
const frames = (good: number, bad: number, issue: QualityIssue | null): FrameCues[] => [
  ...Array.from({ length: good }, () => ({ faces: 1, quality: 0.9, qualityIssue: null, cues: Object.fromEntries(CUE_NAMES.map((n) => [n, 0.1])) as FrameCues['cues'] })),
  ...Array.from({ length: bad }, () => ({ faces: issue === 'noFace' ? 0 : 1, quality: 0.2, qualityIssue: issue, cues: null })),
];

/** The error of every request the call-session machine refuses. */
function machineErrors(): string[] {
  const tab = (tabId: number) => ({ type: 'camera', tabId, site: { key: 'meet', name: 'Google Meet' }, mode: 'ask', cameraOn: true, deviceId: null, consent: true, now: 1, newId: `s${tabId}` }) as const;
  const withTabs: CallState = transition(transition(EMPTY_STATE, tab(1)).state, tab(2)).state;
  const running = transition(withTabs, { type: 'start', tabId: 1, consent: true, now: 2, newId: 'x' }).state;
  return [
    transition(withTabs, { type: 'start', tabId: 1, consent: false, now: 2, newId: 'x' }).error,
    transition(EMPTY_STATE, { type: 'start', tabId: 9, consent: true, now: 2, newId: 'x' }).error,
    transition(EMPTY_STATE, { type: 'pause' }).error,
    transition(EMPTY_STATE, { type: 'resume' }).error,
    transition(running, { type: 'start', tabId: 2, consent: true, now: 3, newId: 'y' }).error,
  ].map((e) => e!);
}

describe('in English', () => {
  beforeEach(() => useLocale('en'));

  it('labels cues and quality issues as lib/labels does', () => {
    for (const n of CUE_NAMES) expect(cueLabel(n)).toBe(CUE_LABEL[n]);
    for (const i of ISSUES) expect(qualityIssueText(i)).toBe(QUALITY_ISSUE_TEXT[i]);
  });

  it('words every gate reason as gateMessage does', () => {
    for (const r of REASONS) expect(gateText(r)).toBe(gateMessage(r));
  });

  it('words every nudge as nudgeMessage does, from its key and numbers or from its English', () => {
    for (const f of FINDINGS) {
      for (const w of WINDOWS) {
        const english = nudgeMessage(f, w);
        expect(nudgeWords(nudgeText(f, w))).toBe(english);
        expect(localiseNudge(english)).toBe(english);
      }
    }
  });

  it('words a failed calibration as computeBaseline does', () => {
    for (const issue of [...ISSUES, null]) {
      const b = computeBaseline(frames(5, 20, issue));
      if (isBaseline(b)) throw new Error('expected an error');
      expect(calibrationErrorText(b)).toBe(b.error);
    }
    const none = computeBaseline([]);
    if (isBaseline(none)) throw new Error('expected an error');
    expect(calibrationErrorText(none)).toBe(none.error);
    expect(t('calibration.notCalibrated')).toBe(NOT_CALIBRATED_TEXT);
  });

  it('knows every error and notice of the call-session machine, in its words', () => {
    const errors = machineErrors();
    expect(errors).toHaveLength(5);
    expect(errors).toContain(NEEDS_CONSENT);
    expect(errors).toContain(OTHER_TAB);
    expect(Object.keys(MACHINE_ERRORS).sort()).toEqual([...new Set(errors)].sort());
    for (const e of errors) {
      expect(MACHINE_ERRORS[e], e).toBeDefined();
      expect(localiseError(e)).toBe(e);
    }
    for (const text of Object.values(NOTICE)) expect(localiseNotice(text)).toBe(text);
    // What a page is told never mentions another tab.
    expect(Object.values(NOTICE)).not.toContain(OTHER_TAB);
    expect(Object.values(NOTICE).join(' ')).not.toMatch(/another tab/i);
    for (const text of ['Selfview stopped: The camera was disconnected.', 'Selfview could not start: x', 'Selfview: x']) expect(localiseNotice(text)).toBe(text);
  });

  it('keeps the words the browser tests look for', () => {
    expect(t('live.faces', 1)).toBe('1 face');
    expect(t('live.faces', 0)).toBe('No face found');
    expect(t('live.faces', 3)).toBe('3 faces — reading the largest');
    expect(t('options.nudges.adaptedItem', { label: t('options.nudges.label.lookAway'), longer: t('options.nudges.longer', { pct: pct(0.5625) }) })).toBe('Looking at the camera (56% longer)');
    expect(t('options.nudges.when.lookAway', { about: durationText(2) })).toContain('mostly not looked at the camera for about a minute');
    expect(t('options.sites.added', { site: 'http://127.0.0.1' })).toContain('Added http://127.0.0.1');
  });
});

describe('in German', () => {
  beforeEach(() => useLocale('de'));

  it('words nudges from their English', () => {
    expect(localiseNudge("You've barely looked at the camera for about a minute.")).toBe('Du hast seit etwa einer Minute kaum in die Kamera geschaut.');
    expect(localiseNudge(nudgeMessage({ kind: 'noSmile' }, 150))).toBe('Seit etwa 2½ Minuten kein Lächeln – zur Erinnerung an dein Ziel, mehr zu lächeln.');
    expect(localiseNudge(nudgeMessage({ kind: 'lowBlink', perMin: 0.2 }, 120))).toBe('Du hast seit etwa 2 Minuten kaum geblinzelt – ein paar langsame, volle Lidschläge entspannen die Augen.');
    expect(localiseNudge(nudgeMessage({ kind: 'lowBlink', perMin: 3.2 }, 90))).toBe(
      'Du hast seit etwa anderthalb Minuten nur etwa 3-mal pro Minute geblinzelt – ein paar langsame, volle Lidschläge entspannen die Augen.',
    );
    expect(localiseNudge(nudgeMessage({ kind: 'framing', framing: 'tooFar' }, 30))).toBe('Du bist schon eine Weile weit weg von der Kamera – vielleicht etwas näher kommen?');
    // Words it does not know (an older version's) stay as they are.
    expect(localiseNudge('Something else.')).toBe('Something else.');
    for (const f of FINDINGS) for (const w of WINDOWS) expect(localiseNudge(nudgeMessage(f, w))).not.toBe(nudgeMessage(f, w));
  });

  it('words gate reasons and failed calibrations', () => {
    expect(gateText('tooDark')).toBe('Dein Gesicht ist gerade schwer zu erkennen: zu dunkel – sorg für mehr Licht von vorn.');
    expect(gateText('unclear')).toBe('Dein Gesicht ist gerade schwer zu erkennen: das Bild ist unklar – schau bei gleichmäßigem Licht in die Kamera.');
    expect(calibrationErrorText({ good: 5, total: 25, issue: 'tooSmall' })).toBe(
      'Zu wenige Bilder, auf denen dein Gesicht gut zu sehen war (5 von 25). Meistens: dein Gesicht ist zu klein – komm näher. Schau bei gutem Licht in die Kamera und versuch es noch einmal.',
    );
  });

  it('words the call page notices and the machine errors', () => {
    expect(localiseNotice(NOTICE.paused)).toBe('Selfview ist pausiert.');
    expect(localiseNotice(`Selfview: ${machineErrors()[0]}`)).toBe('Selfview: Richte Selfview zuerst ein: Es braucht deine Zustimmung, bevor es einen Anruf analysiert.');
    expect(localiseNotice('Selfview stopped: The camera was disconnected.')).toBe('Selfview wurde beendet: The camera was disconnected.');
    expect(localiseError('No call is being analysed.')).toBe('Gerade wird kein Anruf analysiert.');
    expect(localiseError(OTHER_TAB)).toBe('Selfview analysiert deinen Anruf in einem anderen Tab. Beende es dort, um diesen hier zu analysieren.');
    for (const e of machineErrors()) expect(localiseError(e)).not.toBe(e);
    expect(localiseError('Some other error')).toBe('Some other error');
  });

  it('counts and formats numbers the German way', () => {
    expect(t('live.faces', 0)).toBe('Kein Gesicht gefunden');
    expect(t('live.faces', 1)).toBe('1 Gesicht');
    expect(t('live.faces', 2)).toBe('2 Gesichter – das größte wird gelesen');
    expect(pct(0.456)).toBe('46\u00A0%');
    expect(durationText(5)).toBe('etwa 2½ Minuten');
  });

  it('places elements where the translation puts them', () => {
    const parts = rich('popup.idle', { practise: '[link]' });
    expect(parts.join('')).toBe('Tritt einem Anruf auf einer unterstützten Seite bei, dann bietet Selfview den Start an – oder [link].');
    expect(parts).toContain('[link]');
  });
});
