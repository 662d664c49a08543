/**
 * The report's quoted figures: how often each reading was right in Selfview's tests (from
 * measured.json via `readingReliability`), and the blink rate shown only where the analysed frame
 * rate lets it be counted (`blinkRateCheck`), with the reason otherwise.
 */
import { blinkRateCheck, estimateBlinkRate, type BlinkRateEstimate, type BlinkRateVerdict } from '@/lib/cues/blink-rate';
import type { SecondAggregate } from '@/lib/cues/types';
import { cueReliability } from '@/lib/cues/reliability';
import { READINGS, readingCueKeys, readingReliability, type Reading } from '@/lib/feedback/reading-reliability';
import { fmtNumber, pct, t } from '@/lib/i18n';
import { reliabilityName, reliabilityText } from '@/lib/i18n/reliability';
import { METRIC_LABEL } from './HistoryFormat';
import { RoughMark } from './RoughMark';

/** The call's blink rate and whether it may be shown. */
export interface CallBlinks {
  estimate: BlinkRateEstimate | null;
  verdict: BlinkRateVerdict;
}

/** The blink estimate of a call's seconds, with its verdict. */
export function callBlinks(seconds: readonly SecondAggregate[]): CallBlinks {
  const estimate = estimateBlinkRate(seconds);
  return { estimate, verdict: blinkRateCheck(estimate) };
}

const fps = (b: CallBlinks): string => fmtNumber(b.estimate?.analysedFps ?? 0, 1);

/** Why the blink rate is not shown, in a few words (lower case: it follows a dash). */
function blinksWhy(b: CallBlinks): string {
  if (b.verdict.show) return '';
  switch (b.verdict.reason) {
    case 'lowRate':
      return t('reliability.report.blinksLowFps', { fps: fps(b) });
    case 'short':
      return t('reliability.report.blinksShort', { fps: fps(b) });
    case 'noFace':
      return t('reliability.report.blinksNoFace');
  }
}

/** The report's blink line: the rate when it can be trusted at this call's frame rate, otherwise why not. */
export function BlinkLine({ blinks }: { blinks: CallBlinks }) {
  return blinks.verdict.show && blinks.estimate ? (
    <p data-testid="blinks" data-shown="true">{t('report.blinksPerMinute', { n: Math.round(blinks.estimate.perMinute) })}</p>
  ) : (
    <p data-testid="blinks" data-shown="false" class="muted">{t('reliability.report.blinksUntrusted', { why: blinksWhy(blinks) })}</p>
  );
}

const label = (r: Reading): string => t(METRIC_LABEL[r]);

/** The figure of a reading; one built from several cues (head turned: yaw and pitch) quotes each by name. */
function readingText(k: Reading, calibrated: boolean): string {
  const keys = readingCueKeys(k, calibrated);
  if (keys.length === 1) return reliabilityText(cueReliability(keys[0]!));
  return keys.map((c) => t('reliability.report.part', { cue: reliabilityName(c), text: reliabilityText(cueReliability(c)) })).join('; ');
}

/** "What each number rests on": one line per reading of the report, quoting its measured figure. */
export function ReportReliability({ calibrated, blinks }: { calibrated: boolean; blinks: CallBlinks }) {
  return (
    <div data-testid="what-this-can-tell">
      <h3>{t('reliability.report.title')}</h3>
      <p>{t('reliability.report.intro')}</p>
      <ul class="reliability-list">
        {READINGS.map((k) => {
          const rel = readingReliability(k, calibrated);
          // The blink rate's error depends on this call's frame rate: quote that, not the general figure.
          const text = k !== 'blinksPerMinute' ? readingText(k, calibrated)
            : blinks.verdict.show ? t('reliability.report.blinksAt', { pct: pct(blinks.verdict.error), fps: fps(blinks) }) : blinksWhy(blinks);
          const rough = k === 'blinksPerMinute' ? !blinks.verdict.show : !rel.trusted;
          return (
            <li key={k} data-reading={k} data-trusted={rough ? 'false' : 'true'}>
              {t('reliability.report.item', { label: label(k), text })}
              {k !== 'blinksPerMinute' && <RoughMark r={rel} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
