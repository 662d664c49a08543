/** Settings › Your calls: what Selfview keeps (one summary per second of each call), each call's report, and deleting them. */
import { useEffect, useState } from 'preact/hooks';
import { getDB, type SessionRecord } from '@/lib/db/schema';
import { deleteAllSessions, deleteSession, listSessions } from '@/lib/db/sessions';
import { fmtDateTime, t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus } from './OptionsShared';

const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

export function OptionsData() {
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { status, save } = useSaveStatus();
  const reload = () => listSessions(getDB()).then(setSessions);
  useEffect(() => void reload(), []);
  if (!sessions) return null;
  return (
    <OptionsSection id="data" title={t('options.data.title')} status={status}>
      <p class="muted">{t('options.data.intro')}</p>
      {sessions.length === 0 ? (
        <p data-testid="no-calls">{t('options.data.none')}</p>
      ) : (
        <table class="rows" data-testid="calls">
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-session-id={s.id}>
                <td>{fmtDateTime(s.startedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td>{s.site.replace(/^https?:\/\//, '')}</td>
                <td>{mmss(Math.round(((s.endedAt ?? Date.now()) - s.startedAt) / 1000))}</td>
                <td><a href={`/report.html?session=${s.id}`} data-testid="call-report">{t('options.data.report')}</a></td>
                <td>
                  <button type="button" class="secondary" data-testid="delete-call" aria-label={t('options.data.deleteOneLabel', { date: fmtDateTime(s.startedAt) })}
                    onClick={() => void save(async () => { await deleteSession(getDB(), s.id); await reload(); }, t('options.data.deleted'))}>
                    {t('options.data.deleteOne')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        {confirming ? (
          <>
            <span role="alert">{t('options.data.confirm', { n: sessions.length })}</span>{' '}
            <button type="button" data-testid="delete-all-confirm"
              onClick={() => void save(async () => { await deleteAllSessions(getDB()); setConfirming(false); await reload(); }, t('options.data.deleted'))}>
              {t('options.data.deleteAllConfirm')}
            </button>{' '}
            <button type="button" class="secondary" data-testid="delete-all-cancel" onClick={() => setConfirming(false)}>{t('options.data.cancel')}</button>
          </>
        ) : (
          <button type="button" class="secondary" data-testid="delete-all" disabled={sessions.length === 0} onClick={() => setConfirming(true)}>
            {t('options.data.deleteAll')}
          </button>
        )}
      </div>
    </OptionsSection>
  );
}
