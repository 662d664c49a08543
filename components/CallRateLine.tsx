/** The popup's line on the call session's analysis rate: frames per second, the CPU budget, and why it is lowered. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CallRateReport } from '@/lib/capture/call-rate';
import { fmtNumber, pct, t } from '@/lib/i18n';
import { onMessage } from '@/lib/protocol/messages';

/** A report older than this is stale (the call tab reports once a second while it analyses). */
const STALE_MS = 3000;

/** Whole frames as such ("5"), others with one decimal ("3.3"). */
const fmtFps = (fps: number): string => fmtNumber(fps, Number.isInteger(Math.round(fps * 10) / 10) ? 0 : 1);

/** Shows the rate of session `sessionId` while its call tab keeps reporting it. */
export function CallRateLine(props: { sessionId: string; now: number }) {
  const [rate, setRate] = useState<(CallRateReport & { at: number }) | null>(null);
  useEffect(() => {
    setRate(null);
    return onMessage('contentToPagesRate', ({ data, sender }) => {
      // Only Selfview's own content script reports rates.
      if (sender.id !== browser.runtime.id || data.sessionId !== props.sessionId) return;
      setRate({ ...data, at: Date.now() });
    });
  }, [props.sessionId]);
  if (!rate || props.now - rate.at > STALE_MS) return null;
  const fps = fmtFps(rate.fps);
  const line = fps === '1' ? t('popup.rateOne', { budget: pct(rate.budget) }) : t('popup.rate', { fps, budget: pct(rate.budget) });
  return (
    <p class="muted" data-testid="rate" data-reason={rate.reason} data-fps={rate.fps}>
      {rate.reason === 'chosen' ? line : t('popup.rateLowered', { rate: line, reason: t(`popup.rateReason.${rate.reason}`) })}
    </p>
  );
}
