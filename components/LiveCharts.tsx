import { readingReliability } from '@/lib/feedback/reading-reliability';
import { cueSeries } from '@/lib/feedback/series';
import { gate } from '@/lib/feedback/quality-gate';
import { gateText, pct, t } from '@/lib/i18n';
import { useBaseline } from './Calibration';
import { NudgeCard } from './NudgeCard';
import { QualityBadge } from './QualityBadge';
import { RoughMark } from './RoughMark';
import { Sparkline } from './Sparkline';
import { useSessionSeconds } from './useSessionSeconds';

/**
 * The last minutes of the running session, one small chart per main cue, with tracking quality.
 * Readings whose cues were not measured well enough carry a "rough" tag.
 */
export function LiveCharts({ sessionId }: { sessionId: string }) {
  const seconds = useSessionSeconds(sessionId);
  // A session is measured against the baseline stored when it started; the stored one is that, bar a recalibration mid-call.
  const calibrated = useBaseline().baseline !== null;
  const rough = (reading: Parameters<typeof readingReliability>[0]) => <RoughMark r={readingReliability(reading, calibrated)} />;
  const last = seconds.at(-1);
  if (!last) return <p class="muted" data-testid="live-waiting">{t('charts.waiting')}</p>;
  const s = cueSeries(seconds);
  const g = gate(last);
  return (
    <div class={g.ok ? 'live-charts' : 'live-charts dim'} data-testid="live-second" data-t={last.t}>
      <NudgeCard sessionId={sessionId} />
      {g.ok ? <QualityBadge quality={last.quality} issue={last.qualityIssue} /> : <p role="status" class="gate" data-testid="gate">{gateText(g.reason)}</p>}
      <Sparkline testId="chart-gaze" label={t('charts.gaze')} t={s.t} values={s.gaze} max={1} format={pct} mark={rough('lookingAtCamera')} />
      <Sparkline testId="chart-smile" label={t('charts.smile')} t={s.t} values={s.smile} max={1} format={pct} mark={rough('smiling')} />
      <Sparkline testId="chart-brow" label={t('charts.brow')} t={s.t} values={s.browFurrow} max={1} format={pct} mark={rough('browsDrawn')} />
      <Sparkline testId="chart-head" label={t('charts.head')} t={s.t} values={s.headTurn} max={45} format={(v) => `${Math.round(v)}°`} mark={rough('headTurned')} />
      <Sparkline testId="chart-expr" label={t('charts.expr')} t={s.t} values={s.expressiveness} max={1} format={pct} />
      <Sparkline testId="chart-blinks" label={t('charts.blinks')} t={s.t} values={s.blinkRate} max={40} format={(v) => `${Math.round(v)}`} mark={rough('blinksPerMinute')} />
    </div>
  );
}
