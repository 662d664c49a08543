/** The confirmation step of Settings › Your calls before anything is deleted. */
import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** What is about to be deleted. */
export type Pending =
  | { kind: 'selected'; ids: string[] }
  | { kind: 'range'; from: number; to: number; n: number; label: { from: string; to: string } }
  | { kind: 'all'; n: number };

/**
 * Says what will go and asks once more. For "everything" it offers to delete the settings, the
 * baseline and the added sites too, and says what that means (onboarding asks again).
 */
export function DeleteConfirm(props: { pending: Pending; onConfirm: (alsoSettings: boolean) => void; onCancel: () => void }) {
  const [alsoSettings, setAlsoSettings] = useState(false);
  const p = props.pending;
  const all = p.kind === 'all';
  const text =
    p.kind === 'selected' ? t('data.confirmSelected', { n: p.ids.length })
    : p.kind === 'range' ? t('data.confirmRange', { n: p.n, from: p.label.from, to: p.label.to })
    : t('options.data.confirm', { n: p.n });
  return (
    <div class="actions" data-testid="delete-confirmation">
      <p role="alert">{text}</p>
      {all && (
        <>
          <p class="hint">{t('data.allIncludes')}</p>
          <label>
            <input type="checkbox" data-testid="erase-settings" checked={alsoSettings} onChange={(e) => setAlsoSettings((e.currentTarget as HTMLInputElement).checked)} />{' '}
            {t('data.alsoSettings')}
          </label>
          <p class="hint" data-testid="erase-settings-hint">{t('data.alsoSettingsHint')}</p>
        </>
      )}
      <button type="button" data-testid={all ? 'delete-all-confirm' : 'delete-confirm'} onClick={() => props.onConfirm(all && alsoSettings)}>
        {all ? t('options.data.deleteAllConfirm') : t('data.confirmDelete')}
      </button>{' '}
      <button type="button" class="secondary" data-testid={all ? 'delete-all-cancel' : 'delete-cancel'} onClick={props.onCancel}>{t('options.data.cancel')}</button>
    </div>
  );
}
