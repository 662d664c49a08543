/** Asks for the passphrase of the encrypted history and unlocks it for this browser session. */
import { useRef, useState } from 'preact/hooks';
import { OpenError } from '@/lib/crypto/seal';
import { unlock } from '@/lib/crypto/vault';
import { getDB } from '@/lib/db/schema';
import type { Opener } from '@/lib/db/sessions';
import { t } from '@/lib/i18n';

/** The passphrase form; `onUnlocked` receives the opener once the passphrase was right. The caller gives the heading. */
export function Unlock({ onUnlocked }: { onUnlocked: (o: Opener) => void }) {
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const opener = await unlock(getDB(), pass);
      setPass('');
      onUnlocked(opener);
    } catch (err) {
      setError(err instanceof OpenError ? t('crypto.wrong') : t('crypto.unlockFailed', { reason: err instanceof Error ? err.message : String(err) }));
      // Back to the field, so a mistyped passphrase can be corrected at once.
      field.current?.select();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="unlock">
      <p>{t('crypto.unlockIntro')}</p>
      <div class="actions">
        <label>
          {t('crypto.passphrase')}{' '}
          <input ref={field} type="password" autocomplete="current-password" value={pass} data-testid="unlock-passphrase"
            aria-invalid={error ? 'true' : 'false'} aria-describedby={error ? 'unlock-error' : undefined}
            onInput={(e) => setPass(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !pass} data-testid="unlock-submit">{busy ? t('crypto.unlocking') : t('crypto.unlock')}</button>
      </div>
      <p id="unlock-error" class="error" role="alert" data-testid="unlock-error">{error ?? ''}</p>
    </form>
  );
}
