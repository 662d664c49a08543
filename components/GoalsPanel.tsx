/**
 * Goals: "Looking at the camera at least 60% of the well-tracked time" — create, see progress over
 * the sessions since (chart and the share of the last 10 sessions that met it), archive, delete.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { addGoal, archiveGoal, deleteGoal, listGoals } from '@/lib/db/goals';
import { getDB, type GoalRecord, type SummaryCue } from '@/lib/db/schema';
import { goalProgress } from '@/lib/feedback/goals';
import { pct, t } from '@/lib/i18n';
import { metricLabel } from './HistoryFormat';
import { SHARE_CUES, type HistoryRow } from './HistoryModel';
import { TrendsChart } from './TrendsChart';

/** The goal in words. */
export const goalText = (g: Pick<GoalRecord, 'cue' | 'direction' | 'target'>): string =>
  t(g.direction === 'atLeast' ? 'goals.textAtLeast' : 'goals.textAtMost', { cue: metricLabel(g.cue), target: pct(g.target) });

function GoalCard({ goal, rows, onChange }: { goal: GoalRecord; rows: HistoryRow[]; onChange(): void }) {
  const points = useMemo(() => rows.filter((r) => r.summary).sort((a, b) => a.startedAt - b.startedAt).map((r) => ({ startedAt: r.startedAt, summary: r.summary! })), [rows]);
  const progress = useMemo(() => goalProgress(goal, points), [goal, points]);
  const last = progress.filter((p) => p.met !== null).slice(-10);
  const met = last.filter((p) => p.met).length;
  const text = goalText(goal);
  const series = useMemo(() => [{ label: metricLabel(goal.cue), values: progress.map((p) => p.value) }], [progress, goal.cue]);
  const x = useMemo(() => progress.map((p) => p.startedAt), [progress]);
  return (
    <li class="card goal" data-testid="goal" data-goal-id={goal.id} data-met={met} data-judged={last.length}>
      <h3>{text}</h3>
      <p data-testid="goal-progress">{last.length ? t('goals.lastMet', { met, n: last.length }) : t('goals.noSessions')}</p>
      {last.length > 0 && (
        <ol class="met-dots" aria-label={t('goals.lastLabel')}>
          {last.map((p) => <li key={p.startedAt} class={p.met ? 'met' : 'unmet'} title={p.met ? t('goals.met') : t('goals.notMet')}>{p.met ? '✓' : '✗'}<span class="visually-hidden">{p.met ? t('goals.met') : t('goals.notMet')}</span></li>)}
        </ol>
      )}
      {x.length > 0 && <TrendsChart testId="goal-chart" label={t('goals.chartLabel', { goal: text })} x={x} series={series} max={1} format={pct} target={goal.target} height={130} />}
      <div class="actions">
        {goal.archivedAt === null && (
          <button type="button" class="secondary" data-testid="goal-archive" onClick={() => void archiveGoal(getDB(), goal.id, Date.now()).then(onChange)}>{t('goals.archive')}</button>
        )}
        <button type="button" class="secondary" data-testid="goal-delete" aria-label={t('goals.deleteLabel', { goal: text })} onClick={() => void deleteGoal(getDB(), goal.id).then(onChange)}>{t('goals.delete')}</button>
      </div>
    </li>
  );
}

export function GoalsPanel({ rows }: { rows: HistoryRow[] }) {
  const [goals, setGoals] = useState<GoalRecord[] | null>(null);
  const [cue, setCue] = useState<SummaryCue>('lookingAtCamera');
  const [direction, setDirection] = useState<GoalRecord['direction']>('atLeast');
  const [target, setTarget] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const reload = () => void listGoals(getDB()).then(setGoals);
  useEffect(reload, []);
  const create = async () => {
    const n = Number(target);
    if (!Number.isFinite(n) || n < 0 || n > 100) return setError(t('goals.badTarget'));
    setError(null);
    await addGoal(getDB(), { cue, direction, target: n / 100 }, Date.now());
    reload();
  };
  const active = goals?.filter((g) => g.archivedAt === null) ?? [];
  const archived = goals?.filter((g) => g.archivedAt !== null) ?? [];
  return (
    <div class="goals" data-testid="goals">
      <p class="note" data-testid="goals-note">{t('goals.trackedNote')}</p>
      <form class="card goal-form" onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <h2>{t('goals.newTitle')}</h2>
        <label>{t('goals.cue')}
          <select data-testid="goal-cue" value={cue} onChange={(e) => setCue(e.currentTarget.value as SummaryCue)}>
            {SHARE_CUES.map((c) => <option key={c} value={c}>{metricLabel(c)}</option>)}
          </select>
        </label>
        <label>{t('goals.direction')}
          <select data-testid="goal-direction" value={direction} onChange={(e) => setDirection(e.currentTarget.value as GoalRecord['direction'])}>
            <option value="atLeast">{t('goals.atLeast')}</option>
            <option value="atMost">{t('goals.atMost')}</option>
          </select>
        </label>
        <label>{t('goals.target')}
          <input type="number" min={0} max={100} step={1} data-testid="goal-target" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
        </label>
        <button type="submit" data-testid="goal-add">{t('goals.add')}</button>
        {error && <p class="error" role="alert">{error}</p>}
      </form>
      {goals && (active.length ? (
        <ul class="goal-list" data-testid="goal-list">{active.map((g) => <GoalCard key={g.id} goal={g} rows={rows} onChange={reload} />)}</ul>
      ) : <p data-testid="no-goals">{t('goals.none')}</p>)}
      {archived.length > 0 && (
        <details>
          <summary>{t('goals.archived', { n: archived.length })}</summary>
          <ul class="goal-list" data-testid="archived-goals">{archived.map((g) => <GoalCard key={g.id} goal={g} rows={rows} onChange={reload} />)}</ul>
        </details>
      )}
    </div>
  );
}
