import { useEffect, useState } from 'preact/hooks';
import type { SecondAggregate } from '@/lib/cues/types';
import { getDB } from '@/lib/db/schema';
import { readSeconds } from '@/lib/db/sessions';
import { mergeSeconds } from '@/lib/feedback/series';
import { onMessage } from '@/lib/protocol/messages';

/** How many seconds the popup keeps: the last few minutes are what a presenter glances at. */
export const LIVE_WINDOW_S = 300;

/** A session's seconds: those already stored, then each new one as the engine reports it. */
export function useSessionSeconds(sessionId: string | null): SecondAggregate[] {
  const [seconds, setSeconds] = useState<SecondAggregate[]>([]);
  useEffect(() => {
    setSeconds([]);
    if (!sessionId) return;
    let live: SecondAggregate[] = [];
    const off = onMessage('offscreenToPagesSecond', ({ data }) => {
      if (data.sessionId !== sessionId) return;
      live = [data.aggregate];
      setSeconds((prev) => mergeSeconds(prev, live).slice(-LIVE_WINDOW_S));
    });
    // While an encrypted history is locked the stored part cannot be read: the live seconds still show.
    void readSeconds(getDB(), sessionId).then(
      (rows) => setSeconds((prev) => mergeSeconds(rows.slice(-LIVE_WINDOW_S), prev).slice(-LIVE_WINDOW_S)),
      () => undefined,
    );
    return off;
  }, [sessionId]);
  return seconds;
}
