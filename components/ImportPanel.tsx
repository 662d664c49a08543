/**
 * Import: a Selfview export (sessions are added, ones already stored are left as they are) or a
 * coach packet (goes to the trainer view). Encrypted files ask for their passphrase; a file that
 * is not valid says what is wrong and changes nothing.
 */
import { useState } from 'preact/hooks';
import { getDB } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { decryptText } from '@/lib/transfer/encrypted-export';
import { importExport, importPacket, parseImport, type ParsedImport } from '@/lib/transfer/import';
import { MAX_ENVELOPE_BYTES } from '@/lib/transfer/parse-json';
import type { Vault } from './HistoryData';

type Envelope = Extract<ParsedImport, { kind: 'encrypted' }>['envelope'];
const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** `onImported` is called after something was stored (`newPacket`: a coach packet not imported before). */
export function ImportPanel(props: { vault: Vault; onImported(kind: 'export' | 'packet', newPacket: boolean): void }) {
  const [envelope, setEnvelope] = useState<Envelope | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  /** Stores what a parsed file holds and says what happened. */
  const store = async (parsed: Exclude<ParsedImport, { kind: 'encrypted' }>) => {
    if (parsed.kind === 'export') {
      const r = await importExport(getDB(), parsed.data, props.vault.sealer ?? undefined);
      setMessage({ text: t('history.import.done', { added: r.added, duplicates: r.duplicates }), error: false });
      props.onImported('export', false);
    } else {
      const r = await importPacket(getDB(), parsed.data, Date.now());
      setMessage({ text: r.added ? t('history.import.packetAdded') : t('history.import.packetDuplicate'), error: false });
      props.onImported('packet', r.added);
    }
  };
  const work = async (job: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await job();
    } catch (err) {
      setMessage({ text: t('history.import.failed', { reason: reason(err) }), error: true });
    } finally {
      setBusy(false);
    }
  };
  const onFile = (file: File | undefined) => {
    if (!file) return;
    setEnvelope(null);
    void work(async () => {
      // The largest file any import accepts (an encrypted one); parseImport checks the exact limit per kind.
      if (file.size > MAX_ENVELOPE_BYTES) throw new Error(t('history.import.tooBig', { mb: Math.round(MAX_ENVELOPE_BYTES / 1e6) }));
      const parsed = parseImport(await file.text());
      if (parsed.kind === 'encrypted') {
        setEnvelope(parsed.envelope);
        setMessage({ text: t('history.import.needsPassphrase'), error: false });
      } else {
        await store(parsed);
      }
    });
  };
  const open = () => void work(async () => {
    if (!envelope) return;
    const parsed = parseImport(await decryptText(envelope, passphrase));
    if (parsed.kind === 'encrypted') throw new Error(t('history.import.nested'));
    setEnvelope(null);
    setPassphrase('');
    await store(parsed);
  });

  return (
    <section class="card import" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('history.import.title')}</h2>
      <p class="hint">{t('history.import.intro')}</p>
      <label class="field">
        {t('history.import.file')}
        <input type="file" accept=".json,application/json" data-testid="import-file" disabled={busy}
          onChange={(e) => { onFile(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
      </label>
      {envelope && (
        <form class="field" onSubmit={(e) => { e.preventDefault(); open(); }}>
          <label>
            {t('history.import.passphrase')}
            <input type="password" autocomplete="off" data-testid="import-passphrase" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
          </label>
          <button type="submit" data-testid="import-open" disabled={busy || !passphrase}>{t('history.import.open')}</button>
        </form>
      )}
      <p role="status" class={message?.error ? 'error' : 'ok'} data-testid="import-message" data-error={message?.error ? 'true' : 'false'}>{message?.text ?? ''}</p>
    </section>
  );
}
