import { useEffect, useState } from 'preact/hooks';
import { getDB } from '@/lib/db/schema';
import { nudgesOf } from '@/lib/db/sessions';
import { onMessage, sendMessage } from '@/lib/protocol/messages';
import type { NudgeText } from '@/lib/feedback/nudge-rules';
import { unwrap } from '@/lib/protocol/result';
import { localiseError, localiseNudge, t } from '@/lib/i18n';

/** A nudge stays on show this long after it was given. */
const SHOW_MS = 3 * 60_000;

interface Shown {
  at: number;
  kind: string;
  message: string;
  text?: NudgeText;
}

/** The session's current nudge, if any, with "Not helpful" (which makes that reminder less frequent). */
export function NudgeCard({ sessionId }: { sessionId: string }) {
  const [nudge, setNudge] = useState<Shown | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  useEffect(() => {
    void nudgesOf(getDB(), sessionId).then((ns) => {
      const n = ns.at(-1);
      if (n && !n.notHelpful && Date.now() - n.at < SHOW_MS) setNudge(n);
    });
    return onMessage('offscreenToPagesNudge', ({ data }) => {
      if (data.sessionId !== sessionId) return;
      setAnswered(null);
      setNudge(data.nudge);
    });
  }, [sessionId]);
  if (!nudge) return null;
  const notHelpful = async () => {
    try {
      unwrap(await sendMessage('popupToBackgroundNotHelpful', { sessionId, at: nudge.at, kind: nudge.kind }));
      setAnswered(t('nudge.thanks'));
    } catch (e) {
      setAnswered(localiseError((e as Error).message));
    }
  };
  return (
    <div class="nudge card" role="status" data-testid="nudge" data-kind={nudge.kind}>
      <p>{localiseNudge(nudge.message, nudge.text)}</p>
      {answered ? <p class="muted" data-testid="nudge-answer">{answered}</p> : (
        <button type="button" class="secondary" onClick={() => void notHelpful()} data-testid="not-helpful">{t('nudge.notHelpful')}</button>
      )}
    </div>
  );
}
