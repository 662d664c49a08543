import { cueSeries } from '@/lib/feedback/series';
import { gate } from '@/lib/feedback/quality-gate';
import { NudgeCard } from './NudgeCard';
import { QualityBadge } from './QualityBadge';
import { Sparkline } from './Sparkline';
import { useSessionSeconds } from './useSessionSeconds';

const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** The last minutes of the running session, one small chart per main cue, with tracking quality. */
export function LiveCharts({ sessionId }: { sessionId: string }) {
  const seconds = useSessionSeconds(sessionId);
  const last = seconds.at(-1);
  if (!last) return <p class="muted" data-testid="live-waiting">Waiting for the first second of analysis…</p>;
  const s = cueSeries(seconds);
  const g = gate(last);
  return (
    <div class={g.ok ? 'live-charts' : 'live-charts dim'} data-testid="live-second" data-t={last.t}>
      <NudgeCard sessionId={sessionId} />
      {g.ok ? <QualityBadge quality={last.quality} issue={last.qualityIssue} /> : <p role="status" class="gate" data-testid="gate">{g.message}</p>}
      <Sparkline testId="chart-gaze" label="Looking at the camera" t={s.t} values={s.gaze} max={1} format={pct} />
      <Sparkline testId="chart-smile" label="Smile" t={s.t} values={s.smile} max={1} format={pct} />
      <Sparkline testId="chart-brow" label="Brows drawn together" t={s.t} values={s.browFurrow} max={1} format={pct} />
      <Sparkline testId="chart-head" label="Head turned from camera" t={s.t} values={s.headTurn} max={45} format={(v) => `${Math.round(v)}°`} />
      <Sparkline testId="chart-expr" label="Expressiveness" t={s.t} values={s.expressiveness} max={1} format={pct} />
      <Sparkline testId="chart-blinks" label="Blinks per minute" t={s.t} values={s.blinkRate} max={40} format={(v) => `${Math.round(v)}`} />
    </div>
  );
}
