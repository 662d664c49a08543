import type { EngineStatus } from '@/lib/protocol/frame-port';

/** Engine start-up progress, then which delegate runs and the analysed frame rate. */
export function EngineLine({ status, fps }: { status: EngineStatus | null; fps: number | null }) {
  if (!status) return null;
  if (status.state === 'error') return <p class="error" role="alert" data-testid="engine-error">{status.error}</p>;
  if (status.state === 'loading') {
    const label = status.stage === 'model' ? 'Loading the face model' : 'Starting the analysis engine';
    return (
      <p data-testid="engine-loading">
        {label}… <progress max={1} value={status.progress} aria-label={label} />
      </p>
    );
  }
  return (
    <p class="engine" data-testid="engine-ready">
      Analysed on this device with the <span data-testid="delegate">{status.delegate}</span> delegate
      <span class="muted"> ({status.delegateReason})</span>
      {fps !== null && (
        <>
          {' '}· <span data-testid="fps">{fps.toFixed(1)}</span> frames/s analysed
        </>
      )}
    </p>
  );
}
