/** Settings › Your baseline: whether a calibration is in use, where to make one, and removing it. */
import { useRef } from 'preact/hooks';
import { parseBaseline } from '@/lib/feedback/baseline';
import { baselineItem, type StoredBaseline } from '@/lib/feedback/items';
import { fmtDateTime, rich, t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus, useStored } from './OptionsShared';

/** What is stored: nothing, a calibration in use, or one that no longer reads (older version, damaged). */
type State = { kind: 'none' } | { kind: 'ok'; createdAt: number } | { kind: 'unusable' };

const parseStored = (raw: unknown): StoredBaseline | null => (typeof raw === 'object' && raw !== null ? (raw as StoredBaseline) : null);

function stateOf(b: StoredBaseline | null): State {
  if (!b) return { kind: 'none' };
  return parseBaseline(b.baseline) && Number.isFinite(b.createdAt) ? { kind: 'ok', createdAt: b.createdAt } : { kind: 'unusable' };
}

const fmtDate = (ms: number) => fmtDateTime(ms, { dateStyle: 'long', timeStyle: 'short' });

export function OptionsBaseline() {
  const stored = useStored(baselineItem, parseStored);
  const { status, save } = useSaveStatus();
  const statusText = useRef<HTMLParagraphElement>(null);
  if (stored.value === undefined) return null;
  const state = stateOf(stored.value);
  return (
    <OptionsSection id="baseline" title={t('options.baseline.title')} status={status}>
      <p class="muted">{t('options.baseline.intro')}</p>
      <p data-testid="baseline-status" ref={statusText} tabIndex={-1} data-calibrated={state.kind === 'ok' ? 'true' : 'false'}>
        {state.kind === 'ok' ? (
          rich('options.baseline.calibratedOn', { date: <time dateTime={new Date(state.createdAt).toISOString()}>{fmtDate(state.createdAt)}</time> })
        ) : (
          t('calibration.notCalibrated')
        )}
        {state.kind === 'unusable' && ` ${t('options.baseline.unusable')}`}
      </p>
      <div class="actions">
        <a href="/practice.html" data-testid="calibrate-link">{state.kind === 'ok' ? t('options.baseline.calibrateAgain') : t('options.baseline.calibrate')}</a>
        <button type="button" data-testid="remove-baseline" disabled={state.kind === 'none'}
          onClick={() => {
            // The button is disabled once removed: keep keyboard focus nearby, on the new status.
            statusText.current?.focus();
            void save(() => stored.change(() => null), t('options.baseline.removed'));
          }}>
          {t('options.baseline.remove')}
        </button>
      </div>
    </OptionsSection>
  );
}
