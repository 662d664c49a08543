/**
 * Settings › Your calls: how long calls are kept, what is stored (one summary per second of each
 * call), each call's report, and deleting — one call, a selection, a period, or everything (with
 * the settings too, on request).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDB, type SessionRecord } from '@/lib/db/schema';
import { deleteSession, listSessions } from '@/lib/db/sessions';
import { deleteSessions, deleteSessionsBetween } from '@/lib/db/delete';
import { findSessions } from '@/lib/db/queries';
import { applyRetention } from '@/lib/db/retention';
import { eraseEverything } from '@/lib/data/erase';
import { fmtDateTime, t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus } from './OptionsShared';
import { RetentionSelect } from './RetentionSelect';
import { DeleteConfirm, type Pending } from './OptionsDataConfirm';

const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const DAY_MS = 86_400_000;

/** A `<input type=date>` value as local midnight (ms), or null when empty. */
function localDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : null;
}

export function OptionsData() {
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [range, setRange] = useState({ from: '', to: '' });
  const [pending, setPending] = useState<Pending | null>(null);
  const [note, setNote] = useState<{ text: string; error: boolean; setUp?: boolean } | null>(null);
  const { status, save } = useSaveStatus();
  const reload = () =>
    listSessions(getDB()).then((xs) => {
      setSessions(xs);
      setSelected((sel) => new Set(xs.filter((s) => sel.has(s.id)).map((s) => s.id)));
    });
  useEffect(() => void reload(), []);
  if (!sessions) return null;

  const toggle = (id: string, on: boolean) => setSelected((sel) => (on ? new Set([...sel, id]) : new Set([...sel].filter((x) => x !== id))));
  const askRange = async () => {
    setNote(null);
    const from = localDay(range.from);
    const toDay = localDay(range.to);
    if (from === null || toDay === null || from > toDay) return setNote({ text: t('data.rangeInvalid'), error: true });
    const to = toDay + DAY_MS - 1;
    const n = (await findSessions(getDB(), { from, to })).filter((s) => s.endedAt !== null).length;
    if (!n) return setNote({ text: t('data.rangeNone'), error: false });
    setPending({ kind: 'range', from, to, n, label: { from: fmtDateTime(from, { dateStyle: 'medium' }), to: fmtDateTime(toDay, { dateStyle: 'medium' }) } });
  };
  const confirm = (p: Pending, alsoSettings: boolean) =>
    save(async () => {
      if (p.kind === 'selected') await deleteSessions(getDB(), p.ids);
      else if (p.kind === 'range') await deleteSessionsBetween(getDB(), p.from, p.to);
      else await eraseEverything({ alsoSettings });
      setPending(null);
      if (p.kind === 'all') setNote({ text: alsoSettings ? t('data.erasedSettings') : t('data.erased'), error: false, setUp: alsoSettings });
      await reload();
    }, t('options.data.deleted'));

  return (
    <OptionsSection id="data" title={t('options.data.title')} status={status}>
      <p class="muted">{t('options.data.intro')}</p>
      <p>
        <RetentionSelect testid="retention" save={save} onChanged={async (days) => { await applyRetention(getDB(), Date.now(), days); await reload(); }} />
      </p>
      <p class="hint">{t('retention.hint')}</p>
      {sessions.length === 0 ? (
        <p data-testid="no-calls">{t('options.data.none')}</p>
      ) : (
        <table class="rows" data-testid="calls">
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-session-id={s.id}>
                <td>
                  <input type="checkbox" data-testid="select-call" checked={selected.has(s.id)} aria-label={t('data.selectLabel', { date: fmtDateTime(s.startedAt) })}
                    onChange={(e) => toggle(s.id, (e.currentTarget as HTMLInputElement).checked)} />
                </td>
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
      <fieldset class="actions" data-testid="delete-range-fields">
        <legend>{t('data.rangeLegend')}</legend>
        <label>{t('data.rangeFrom')} <input type="date" data-testid="delete-from" value={range.from} onInput={(e) => setRange({ ...range, from: (e.currentTarget as HTMLInputElement).value })} /></label>{' '}
        <label>{t('data.rangeTo')} <input type="date" data-testid="delete-to" value={range.to} onInput={(e) => setRange({ ...range, to: (e.currentTarget as HTMLInputElement).value })} /></label>{' '}
        <button type="button" class="secondary" data-testid="delete-range" disabled={pending !== null} onClick={() => void askRange()}>{t('data.deleteRange')}</button>
      </fieldset>
      {note && (
        <p class={note.error ? 'error' : ''} role="status" data-testid="data-message">
          {note.text}
          {note.setUp && <> <a href={browser.runtime.getURL('/onboarding.html')} data-testid="set-up-again">{t('data.setUpAgain')}</a></>}
        </p>
      )}
      {pending ? (
        <DeleteConfirm pending={pending} onConfirm={(alsoSettings) => void confirm(pending, alsoSettings)} onCancel={() => setPending(null)} />
      ) : (
        <div class="actions">
          <button type="button" class="secondary" data-testid="delete-selected" disabled={selected.size === 0}
            onClick={() => { setNote(null); setPending({ kind: 'selected', ids: [...selected] }); }}>
            {t('data.deleteSelected')}
          </button>{' '}
          {/* Enabled without calls too: goals, imported packets and the settings can still be erased. */}
          <button type="button" class="secondary" data-testid="delete-all"
            onClick={() => { setNote(null); setPending({ kind: 'all', n: sessions.length }); }}>
            {t('options.data.deleteAll')}
          </button>
        </div>
      )}
    </OptionsSection>
  );
}
