/** Settings › Your baseline: whether a calibration is in use, where to make one, and removing it. */
import { useRef } from 'preact/hooks';
import { NOT_CALIBRATED_TEXT, parseBaseline } from '@/lib/feedback/baseline';
import { baselineItem, type StoredBaseline } from '@/lib/feedback/items';
import { OptionsSection, useSaveStatus, useStored } from './OptionsShared';

/** What is stored: nothing, a calibration in use, or one that no longer reads (older version, damaged). */
type State = { kind: 'none' } | { kind: 'ok'; createdAt: number } | { kind: 'unusable' };

const parseStored = (raw: unknown): StoredBaseline | null => (typeof raw === 'object' && raw !== null ? (raw as StoredBaseline) : null);

function stateOf(b: StoredBaseline | null): State {
  if (!b) return { kind: 'none' };
  return parseBaseline(b.baseline) && Number.isFinite(b.createdAt) ? { kind: 'ok', createdAt: b.createdAt } : { kind: 'unusable' };
}

const fmtDate = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });

export function OptionsBaseline() {
  const stored = useStored(baselineItem, parseStored);
  const { status, save } = useSaveStatus();
  const statusText = useRef<HTMLParagraphElement>(null);
  if (stored.value === undefined) return null;
  const state = stateOf(stored.value);
  return (
    <OptionsSection id="baseline" title="Your baseline" status={status}>
      <p class="muted">
        A short calibration (about 10 seconds, looking at the camera with a relaxed face) lets Selfview compare your movements with your own resting face
        rather than an average one.
      </p>
      <p data-testid="baseline-status" ref={statusText} tabIndex={-1} data-calibrated={state.kind === 'ok' ? 'true' : 'false'}>
        {state.kind === 'ok' ? (
          <>Calibrated on <time dateTime={new Date(state.createdAt).toISOString()}>{fmtDate(state.createdAt)}</time>.</>
        ) : (
          NOT_CALIBRATED_TEXT
        )}
        {state.kind === 'unusable' && ' The stored calibration is from an older version of Selfview and is not used.'}
      </p>
      <div class="actions">
        <a href="/practice.html" data-testid="calibrate-link">{state.kind === 'ok' ? 'Calibrate again on the practice page' : 'Calibrate on the practice page'}</a>
        <button type="button" data-testid="remove-baseline" disabled={state.kind === 'none'}
          onClick={() => {
            // The button is disabled once removed: keep keyboard focus nearby, on the new status.
            statusText.current?.focus();
            void save(() => stored.change(() => null), 'Calibration removed');
          }}>
          Remove calibration
        </button>
      </div>
    </OptionsSection>
  );
}
