import type { EngineStatus } from '@/lib/protocol/frame-port';
import { fmtNumber, rich, t } from '@/lib/i18n';

/** Engine start-up progress, then which delegate runs and the analysed frame rate. */
export function EngineLine({ status, fps }: { status: EngineStatus | null; fps: number | null }) {
  if (!status) return null;
  if (status.state === 'error') return <p class="error" role="alert" data-testid="engine-error">{status.error}</p>;
  if (status.state === 'loading') {
    const label = status.stage === 'model' ? t('engine.loadingModel') : t('engine.startingEngine');
    return (
      <p data-testid="engine-loading">
        {label}… <progress max={1} value={status.progress} aria-label={label} />
      </p>
    );
  }
  return (
    <p class="engine" data-testid="engine-ready">
      {rich('engine.ready', { delegate: <span data-testid="delegate">{status.delegate}</span> })}
      <span class="muted"> ({status.delegateReason})</span>
      {fps !== null && (
        <>
          {' '}· {rich('engine.fps', { fps: <span data-testid="fps">{fmtNumber(fps, 1)}</span> })}
        </>
      )}
    </p>
  );
}
