/**
 * The words for how well a reading was measured (`lib/cues/reliability`): a figure as a sentence
 * ("right 98% of the time (73 people)"), why a reading is rough, and each cue's plain name. The
 * figures are quoted from measured.json, never typed into the texts, so the words follow the bench.
 */
import type { CueReliability, MeasuredFigure, ReliabilityFloor, ReliabilityKey } from '../cues/reliability';
import { cueLabel, fmtNumber, pct, t } from './index';

/** Units the texts can count in the user's language; any other unit is shown as the bench wrote it. */
const UNITS = ['people', 'clips', 'photos', 'seconds', 'blinks', 'frames'] as const;
const isUnit = (u: string): u is (typeof UNITS)[number] => (UNITS as readonly string[]).includes(u);

/** "73 people", "1 clip". */
export function countText(f: Pick<MeasuredFigure, 'n' | 'unit'>): string {
  return isUnit(f.unit) ? t(`reliability.unit.${f.unit}`, f.n) : t('reliability.count', { n: f.n, unit: f.unit });
}

/** A value of the figure's metric as the user reads it: a percentage, or degrees. */
const valueText = (f: MeasuredFigure, v: number): string => (f.metric === 'meanErrorDeg' ? `${fmtNumber(v, 1)}°` : pct(v));

/** "right 98% of the time", "off by 2.1° on average". */
export function metricText(f: MeasuredFigure): string {
  return f.metric === 'meanErrorDeg' ? t('reliability.metric.meanErrorDeg', { deg: fmtNumber(f.value, 1) }) : t(`reliability.metric.${f.metric}`, { pct: pct(f.value) });
}

/** The figure with what it rests on: "right 98% of the time (73 people; 95% range 95%–100%)". */
export function figureText(f: MeasuredFigure): string {
  const what = metricText(f);
  const count = countText(f);
  return f.lo !== undefined && f.hi !== undefined
    ? t('reliability.figureRange', { what, count, lo: valueText(f, f.lo), hi: valueText(f, f.hi) })
    : t('reliability.figure', { what, count });
}

/** Why a reading is rough, in a few words (lower case: it follows a dash or a colon). */
export function roughWhy(r: CueReliability): string {
  if (!r.figure) return t('reliability.notMeasured');
  return r.reason === 'tooFew' ? t('reliability.tooFew', { figure: figureText(r.figure) }) : t('reliability.belowFloor', { figure: figureText(r.figure) });
}

/** For the report: the figure when the reading is trusted, otherwise why it is rough. */
export function reliabilityText(r: CueReliability): string {
  return r.trusted && r.figure ? figureText(r.figure) : roughWhy(r);
}

/** The plain name of what a figure is about (the smile's two figures and the blink rate have their own). */
export function reliabilityName(key: ReliabilityKey): string {
  return key === 'smile' || key === 'smileUncalibrated' || key === 'blinkRate' ? t(`reliability.name.${key}`) : cueLabel(key);
}

/** What the cue measures, in movement words. */
export const reliabilityWhat = (key: ReliabilityKey): string => t(`reliability.what.${key}`);

/** The floor in words, with its numbers from measured.json. */
export function floorText(floor: ReliabilityFloor): string {
  return t('reliability.about.floor', { acc: pct(floor.accuracy), deg: floor.degrees, rel: pct(floor.relativeError), n: floor.minN });
}
