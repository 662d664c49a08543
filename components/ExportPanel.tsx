/**
 * Export: JSON (selected sessions, a date range, or everything), CSV zip, a coach packet for a
 * trainer, an optional passphrase that encrypts the JSON files, and printing a session's report.
 */
import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ExportSelection } from '@/lib/transfer/export';
import { exportCsv, exportJson, exportPacket, printReport } from './ExportActions';
import type { Vault } from './HistoryData';
import { dayEnd, dayStart, type HistoryRow } from './HistoryModel';

type Scope = 'selected' | 'range' | 'all';

export function ExportPanel(props: { selected: string[]; shown: HistoryRow[]; vault: Vault }) {
  const [scope, setScope] = useState<Scope>(props.selected.length ? 'selected' : 'all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [name, setName] = useState('');
  const [perMinute, setPerMinute] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const selection = (): ExportSelection | string => {
    if (scope === 'all') return { kind: 'all' };
    if (scope === 'selected') return props.selected.length ? { kind: 'sessions', ids: props.selected } : t('history.export.noneSelected');
    const f = dayStart(from);
    const e = dayEnd(to);
    if (f === undefined || e === undefined || f > e) return t('history.export.badRange');
    return { kind: 'range', from: f, to: e };
  };
  const run = async (work: (sel: ExportSelection) => Promise<void>, done: string) => {
    const sel = selection();
    if (typeof sel === 'string') return setMessage({ text: sel, error: true });
    setBusy(true);
    try {
      await work(sel);
      setMessage({ text: done, error: false });
    } catch (err) {
      setMessage({ text: t('history.export.failed', { reason: err instanceof Error ? err.message : String(err) }), error: true });
    } finally {
      setBusy(false);
    }
  };
  const { opener } = props.vault;
  const one = props.selected.length === 1 ? props.selected[0]! : null;

  return (
    <section class="card export" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{t('history.export.title')}</h2>
      <fieldset>
        <legend>{t('history.export.which')}</legend>
        <label class="check"><input type="radio" name="scope" data-testid="scope-selected" checked={scope === 'selected'} onChange={() => setScope('selected')} />{t('history.export.selected', { n: props.selected.length })}</label>
        <label class="check"><input type="radio" name="scope" data-testid="scope-range" checked={scope === 'range'} onChange={() => setScope('range')} />{t('history.export.range')}</label>
        {scope === 'range' && (
          <div class="range">
            <label>{t('history.filter.from')} <input type="date" data-testid="export-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} /></label>
            <label>{t('history.filter.to')} <input type="date" data-testid="export-to" value={to} onChange={(e) => setTo(e.currentTarget.value)} /></label>
          </div>
        )}
        <label class="check"><input type="radio" name="scope" data-testid="scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />{t('history.export.all')}</label>
      </fieldset>
      <label class="field">
        {t('history.export.passphrase')}
        <input type="password" autocomplete="new-password" data-testid="export-passphrase" value={passphrase} aria-describedby="export-pass-hint" onInput={(e) => setPassphrase(e.currentTarget.value)} />
        <span id="export-pass-hint" class="hint">{t('history.export.passphraseHint')}</span>
      </label>
      <div class="actions">
        <button type="button" data-testid="export-json" disabled={busy} onClick={() => void run((sel) => exportJson(sel, opener, passphrase), t('history.export.done'))}>{t('history.export.json')}</button>
        <button type="button" class="secondary" data-testid="export-csv" disabled={busy} onClick={() => void run((sel) => exportCsv(sel, opener), t('history.export.done'))}>{t('history.export.csv')}</button>
      </div>
      <fieldset>
        <legend>{t('history.export.packetTitle')}</legend>
        <p class="hint">{t('history.export.packetIntro')}</p>
        <label class="field">{t('history.export.displayName')}
          <input type="text" data-testid="packet-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="check"><input type="checkbox" data-testid="packet-per-minute" checked={perMinute} onChange={(e) => setPerMinute(e.currentTarget.checked)} />{t('history.export.perMinute')}</label>
        <button type="button" data-testid="export-packet" disabled={busy || !name.trim()}
          onClick={() => void run((sel) => exportPacket(sel, { displayName: name.trim(), perMinute }, opener, passphrase), t('history.export.done'))}>
          {t('history.export.packet')}
        </button>
      </fieldset>
      <div class="actions">
        <button type="button" class="secondary" data-testid="print-report" disabled={!one} onClick={() => one && void printReport(one)}>{t('history.export.print')}</button>
        {!one && <span class="hint">{t('history.export.printHint')}</span>}
      </div>
      <p role="status" class={message?.error ? 'error' : 'ok'} data-testid="export-message">{message?.text ?? ''}</p>
    </section>
  );
}
