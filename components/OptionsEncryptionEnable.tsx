/** The form that turns encryption at rest on: the no-recovery warning first, its confirmation, and the passphrase twice. */
import { useState } from 'preact/hooks';
import { MIN_PASSPHRASE } from '@/lib/crypto/vault';
import { t } from '@/lib/i18n';

/** Calls `onEnable` with the passphrase once it is long enough, typed the same twice, and the warning is confirmed. */
export function OptionsEncryptionEnable({ busy, onEnable }: { busy: boolean; onEnable: (passphrase: string) => void }) {
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const why = !understood ? t('crypto.notConfirmed')
      : pass.length < MIN_PASSPHRASE ? t('crypto.tooShort', { n: MIN_PASSPHRASE })
      : pass !== repeat ? t('crypto.mismatch') : null;
    setProblem(why);
    if (why) return;
    onEnable(pass);
    setPass('');
    setRepeat('');
  };
  const invalid = problem ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'crypto-problem' } : {};
  return (
    <form onSubmit={submit} noValidate data-testid="crypto-enable-form">
      <p class="error" data-testid="crypto-warning" id="crypto-warning">{t('crypto.warning')}</p>
      <p>
        <label class="check">
          <input type="checkbox" checked={understood} data-testid="crypto-confirm" aria-describedby="crypto-warning"
            onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          {t('crypto.confirm')}
        </label>
      </p>
      <div class="actions">
        <label>
          {t('crypto.passphrase')}{' '}
          <input type="password" autocomplete="new-password" value={pass} data-testid="crypto-passphrase" {...invalid}
            onInput={(e) => setPass(e.currentTarget.value)} />
        </label>
        <label>
          {t('crypto.repeat')}{' '}
          <input type="password" autocomplete="new-password" value={repeat} data-testid="crypto-repeat" {...invalid}
            onInput={(e) => setRepeat(e.currentTarget.value)} />
        </label>
      </div>
      <p class="muted">{t('crypto.minLength', { n: MIN_PASSPHRASE })}</p>
      <p id="crypto-problem" class="error" role="alert" data-testid="crypto-problem">{problem ?? ''}</p>
      <div class="actions">
        <button type="submit" disabled={busy} data-testid="crypto-enable">{t('crypto.enable')}</button>
      </div>
    </form>
  );
}
