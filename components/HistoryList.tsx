/**
 * The session list: sortable columns, selection with "Export selected" / "Delete selected", and per
 * row the report link and the notes-and-tags editor. Paged (PAGE_SIZE rows), so the page stays
 * fast and fully keyboard- and screen-reader-usable with thousands of sessions.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { deleteSessions } from '@/lib/db/delete';
import { getDB } from '@/lib/db/schema';
import { fmtDateTime, t, type MessageKey } from '@/lib/i18n';
import { exportJson } from './ExportActions';
import type { Vault } from './HistoryData';
import { fmtMetric, mmss } from './HistoryFormat';
import { pageOf, sortRows, type HistoryRow, type SortDir, type SortKey } from './HistoryModel';
import { HistoryNotes } from './HistoryNotes';
import { RoughMark } from './RoughMark';
import { readingReliability, type Reading } from '@/lib/feedback/reading-reliability';

const COLUMNS = [
  ['startedAt', 'history.col.date'],
  ['duration', 'history.col.duration'],
  ['site', 'history.col.site'],
  ['lookingAtCamera', 'history.col.lookingAtCamera'],
  ['smiling', 'history.col.smiling'],
  ['browsDrawn', 'history.col.browsDrawn'],
  ['blinksPerMinute', 'history.col.blinks'],
] as const satisfies readonly (readonly [SortKey, MessageKey])[];

/**
 * The "rough" tag of a reading column. Rows mix calibrated and uncalibrated calls, so the smile
 * column goes by the uncalibrated figure, which holds for every call.
 */
const roughOf = (key: SortKey) => (['lookingAtCamera', 'smiling', 'browsDrawn', 'blinksPerMinute'].includes(key) ? <RoughMark r={readingReliability(key as Reading, false)} /> : null);

let marked = false;

export function HistoryList(props: { rows: HistoryRow[]; selected: ReadonlySet<string>; onSelect(s: ReadonlySet<string>): void; vault: Vault; reload(): Promise<void> }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'startedAt', dir: 'desc' });
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const sorted = useMemo(() => sortRows(props.rows, sort.key, sort.dir), [props.rows, sort.key, sort.dir]);
  const { items, page: p, pages } = pageOf(sorted, page);
  const sel = props.selected;
  const shownSelected = props.rows.filter((r) => sel.has(r.id));
  useEffect(() => {
    // For the bench: the first time rows are on screen (performance marks are relative to navigation start).
    if (!marked) performance.mark('history-list-rendered');
    marked = true;
  }, []);
  useEffect(() => setPage(0), [props.rows]);

  const toggleSort = (key: SortKey) => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 'asc' ? 'desc' : 'asc') : key === 'site' ? 'asc' : 'desc' }));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(sel);
    if (on) next.add(id);
    else next.delete(id);
    props.onSelect(next);
  };
  const allOn = props.rows.length > 0 && shownSelected.length === props.rows.length;
  const run = async (work: () => Promise<string>) => {
    try {
      setMessage({ text: await work(), error: false });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    }
  };
  const ids = shownSelected.map((r) => r.id);

  return (
    <div class="history-list">
      <div class="actions">
        <button type="button" data-testid="export-selected" disabled={!ids.length}
          onClick={() => void run(async () => { await exportJson({ kind: 'sessions', ids }, props.vault.opener, ''); return t('history.exported', ids.length); })}>
          {t('history.exportSelected', { n: ids.length })}
        </button>
        {confirming ? (
          <>
            <span role="alert">{t('history.deleteConfirmText', ids.length)}</span>
            <button type="button" data-testid="delete-confirm"
              onClick={() => void run(async () => {
                const n = await deleteSessions(getDB(), ids);
                setConfirming(false);
                props.onSelect(new Set([...sel].filter((id) => !ids.includes(id))));
                await props.reload();
                return t('history.deleted', n);
              })}>
              {t('history.deleteConfirm')}
            </button>
            <button type="button" class="secondary" data-testid="delete-cancel" onClick={() => setConfirming(false)}>{t('history.cancel')}</button>
          </>
        ) : (
          <button type="button" class="secondary" data-testid="delete-selected" disabled={!ids.length} onClick={() => setConfirming(true)}>
            {t('history.deleteSelected', { n: ids.length })}
          </button>
        )}
        <p role="status" class={message?.error ? 'error' : 'muted'} data-testid="list-message">{message?.text ?? ''}</p>
      </div>
      {props.rows.length === 0 ? (
        <p data-testid="history-empty">{t('history.empty')}</p>
      ) : (
        <table class="rows sessions" data-testid="history-list" data-count={props.rows.length}>
          <caption class="visually-hidden">{t('history.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" data-testid="select-all" checked={allOn} aria-label={t('history.selectAll', { n: props.rows.length })}
                  onChange={(e) => props.onSelect(e.currentTarget.checked ? new Set([...sel, ...props.rows.map((r) => r.id)]) : new Set([...sel].filter((id) => !props.rows.some((r) => r.id === id))))} />
              </th>
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col" aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" class="sort" data-testid={`sort-${key}`} onClick={() => toggleSort(key)}>
                    {t(label)}{sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                  {roughOf(key)}
                </th>
              ))}
              <th scope="col">{t('history.col.tags')}</th>
              <th scope="col"><span class="visually-hidden">{t('history.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const date = fmtDateTime(r.startedAt, { dateStyle: 'medium', timeStyle: 'short' });
              return [
                <tr key={r.id} data-session-id={r.id} data-testid="session-row">
                  <td><input type="checkbox" data-testid="select-row" checked={sel.has(r.id)} aria-label={t('history.selectOne', { date })} onChange={(e) => toggle(r.id, e.currentTarget.checked)} /></td>
                  <td>{date}</td>
                  <td>{mmss(r.durationS)}</td>
                  <td data-col="site">{r.site}</td>
                  <td data-col="lookingAtCamera">{fmtMetric('lookingAtCamera', r.summary)}</td>
                  <td>{fmtMetric('smiling', r.summary)}</td>
                  <td>{fmtMetric('browsDrawn', r.summary)}</td>
                  <td>{fmtMetric('blinksPerMinute', r.summary)}</td>
                  <td class="tags">{r.tags.join(', ')}</td>
                  <td class="row-actions">
                    <a href={`/report.html?session=${r.id}`} target="_blank" rel="noreferrer" data-testid="report-link" aria-label={t('history.reportLabel', { date })}>{t('history.report')}</a>
                    <button type="button" class="secondary small" data-testid="edit-notes" aria-expanded={editing === r.id} aria-label={t('history.editLabel', { date })}
                      onClick={() => setEditing(editing === r.id ? null : r.id)}>
                      {t('history.edit')}
                    </button>
                  </td>
                </tr>,
                editing === r.id && (
                  <tr key={`${r.id}-edit`} class="edit-row">
                    <td colSpan={COLUMNS.length + 3}>
                      <HistoryNotes row={r} vault={props.vault} onSaved={async () => { setEditing(null); await props.reload(); }} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('history.pager')}>
          <button type="button" class="secondary" data-testid="page-prev" disabled={p === 0} onClick={() => setPage(p - 1)}>{t('history.prev')}</button>
          <span data-testid="page-info">{t('history.pageInfo', { page: p + 1, pages })}</span>
          <button type="button" class="secondary" data-testid="page-next" disabled={p >= pages - 1} onClick={() => setPage(p + 1)}>{t('history.next')}</button>
        </nav>
      )}
    </div>
  );
}
