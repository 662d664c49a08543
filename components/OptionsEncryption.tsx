/**
 * Settings › Encryption at rest: what is and is not encrypted, turning it on (with the no-recovery
 * warning), progress while stored records are sealed, locking, and turning it off (after unlocking).
 */
import { useEffect, useState } from 'preact/hooks';
import { unlockedKey } from '@/lib/crypto/unlocked';
import { currentOpener, disableEncryption, enableEncryption, encryptionEnabled, encryptionUnfinished, finishEncryption, lock } from '@/lib/crypto/vault';
import { getDB } from '@/lib/db/schema';
import type { Opener } from '@/lib/db/sessions';
import { t } from '@/lib/i18n';
import { OptionsEncryptionEnable } from './OptionsEncryptionEnable';
import { OptionsSection, useSaveStatus } from './OptionsShared';
import { Unlock } from './Unlock';

/** What is stored: off, or on (unlocked in this browser session or not; an interrupted sealing pass). */
type State = { on: false } | { on: true; opener: Opener | null; unfinished: boolean };

async function readState(): Promise<State> {
  const db = getDB();
  if (!(await encryptionEnabled(db))) return { on: false };
  return { on: true, opener: await currentOpener(db), unfinished: await encryptionUnfinished(db) };
}

export function OptionsEncryption() {
  const [state, setState] = useState<State | null>(null);
  const [work, setWork] = useState<{ text: 'crypto.sealing' | 'crypto.opening'; done: number; total: number } | null>(null);
  const { status, save } = useSaveStatus();
  const reload = () => readState().then(setState);
  useEffect(() => {
    void reload();
    // Locking or unlocking in another page of this browser shows here too.
    return unlockedKey.watch(() => void reload());
  }, []);
  if (!state) return null;

  /** Runs a pass over the stored records, showing its progress, then reads the state again. */
  const run = (text: 'crypto.sealing' | 'crypto.opening', pass: (progress: (done: number, total: number) => void) => Promise<void>, done: string) =>
    save(async () => {
      setWork({ text, done: 0, total: 0 });
      try {
        await pass((d, n) => setWork({ text, done: d, total: n }));
      } finally {
        setWork(null);
        await reload();
      }
    }, done);

  return (
    <OptionsSection id="crypto" title={t('crypto.title')} status={status}>
      <p class="muted">{t('crypto.intro')}</p>
      <p class="muted">{t('crypto.what')}</p>
      <p data-testid="crypto-status" data-on={String(state.on)} data-locked={String(state.on && !state.opener)}>
        {!state.on ? t('crypto.statusOff') : state.opener ? t('crypto.statusUnlocked') : t('crypto.statusLocked')}
      </p>
      {work && (
        <p role="status" data-testid="crypto-progress">
          <progress value={work.done} max={Math.max(1, work.total)} aria-label={t(work.text, { done: work.done, total: work.total })} />{' '}
          {t(work.text, { done: work.done, total: work.total })}
        </p>
      )}
      {!state.on && <OptionsEncryptionEnable busy={!!work} onEnable={(p) => void run('crypto.sealing', (progress) => enableEncryption(getDB(), p, progress), t('crypto.enabled'))} />}
      {state.on && state.unfinished && !work && (
        <div class="actions">
          <span data-testid="crypto-unfinished">{t('crypto.unfinished')}</span>
          <button type="button" data-testid="crypto-finish" onClick={() => void run('crypto.sealing', (progress) => finishEncryption(getDB(), progress), t('crypto.finished'))}>
            {t('crypto.finish')}
          </button>
        </div>
      )}
      {state.on && state.opener && (
        <div class="actions">
          <button type="button" class="secondary" data-testid="crypto-lock" disabled={!!work} onClick={() => void save(lock, t('crypto.locked'))}>{t('crypto.lockNow')}</button>
          <button type="button" class="secondary" data-testid="crypto-disable" disabled={!!work}
            onClick={() => void run('crypto.opening', (progress) => disableEncryption(getDB(), state.opener!, progress), t('crypto.disabled'))}>
            {t('crypto.disable')}
          </button>
        </div>
      )}
      {state.on && !state.opener && (
        <>
          <h3>{t('crypto.unlockToManage')}</h3>
          <Unlock onUnlocked={() => void reload()} />
        </>
      )}
    </OptionsSection>
  );
}
