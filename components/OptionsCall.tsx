/** Settings › During a call: the private in-page badge, how many frames a call analyses, and its CPU budget. */
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/items';
import { pct, t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus } from './OptionsShared';

/** Offered call rates: low enough to leave the call its CPU, up to the highest a call allows (15). */
export const CALL_FPS_CHOICES = [2, 3, 5, 8, 10, 15];

/** Options of a frame-rate select: the choices, plus the stored value if it is none of them (set elsewhere). */
export function FpsOptions(props: { choices: readonly number[]; value: number; fallback: number }) {
  const all = props.choices.includes(props.value) ? props.choices : [...props.choices, props.value].sort((a, b) => a - b);
  return (
    <>
      {all.map((n) => (
        <option value={n} key={n}>{n === props.fallback ? t('options.fpsDefault', { n }) : String(n)}</option>
      ))}
    </>
  );
}

/** Offered CPU budgets (share of one core): from a light touch to a whole core. */
export const CPU_BUDGET_CHOICES = [0.1, 0.2, 0.33, 0.5, 0.75, 1];

/** Options of the budget select: the choices, plus the stored value if it is none of them. */
function BudgetOptions(props: { value: number }) {
  const all = CPU_BUDGET_CHOICES.includes(props.value) ? CPU_BUDGET_CHOICES : [...CPU_BUDGET_CHOICES, props.value].sort((a, b) => a - b);
  return (
    <>
      {all.map((b) => (
        <option value={b} key={b}>{t(b === DEFAULT_SETTINGS.cpuBudget ? 'options.call.budgetDefault' : 'options.call.budgetChoice', { pct: pct(b) })}</option>
      ))}
    </>
  );
}

export function OptionsCall(props: { settings: Settings; update: (patch: Partial<Settings>) => Promise<void> }) {
  const { status, save } = useSaveStatus();
  const s = props.settings;
  return (
    <OptionsSection id="call" title={t('options.call.title')} status={status}>
      <div class="check">
        <input type="checkbox" id="overlay" checked={s.overlay} data-testid="overlay-toggle" aria-describedby="overlay-hint"
          onChange={(e) => void save(() => props.update({ overlay: (e.currentTarget as HTMLInputElement).checked }))} />
        <label for="overlay">{t('options.call.overlay')}</label>
        <span class="hint" id="overlay-hint">{t('options.call.overlayHint')}</span>
      </div>
      <div class="field">
        <label for="call-fps">{t('options.call.fps')}</label>{' '}
        <select id="call-fps" value={s.callFps} data-testid="call-fps" aria-describedby="call-fps-hint"
          onChange={(e) => void save(() => props.update({ callFps: Number((e.currentTarget as HTMLSelectElement).value) }))}>
          <FpsOptions choices={CALL_FPS_CHOICES} value={s.callFps} fallback={DEFAULT_SETTINGS.callFps} />
        </select>
        <span class="hint" id="call-fps-hint">{t('options.call.fpsHint')}</span>
      </div>
      <div class="field">
        <label for="cpu-budget">{t('options.call.budget')}</label>{' '}
        <select id="cpu-budget" value={s.cpuBudget} data-testid="cpu-budget" aria-describedby="cpu-budget-hint"
          onChange={(e) => void save(() => props.update({ cpuBudget: Number((e.currentTarget as HTMLSelectElement).value) }))}>
          <BudgetOptions value={s.cpuBudget} />
        </select>
        <span class="hint" id="cpu-budget-hint">{t('options.call.budgetHint')}</span>
      </div>
    </OptionsSection>
  );
}
