/** Editing a session's notes and tags (sealed again when the history is encrypted). */
import { useState } from 'preact/hooks';
import { setNotesAndTags } from '@/lib/db/notes';
import { LockedError } from '@/lib/db/sessions';
import { getDB } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import type { Vault } from './HistoryData';
import { parseTags, type HistoryRow } from './HistoryModel';

export function HistoryNotes(props: { row: HistoryRow; vault: Vault; onSaved(): Promise<void> }) {
  const [notes, setNotes] = useState(props.row.notes);
  const [tags, setTags] = useState(props.row.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const id = props.row.id;
  const save = async () => {
    try {
      const { opener, sealer } = props.vault;
      // Encryption on but locked: saving now would store the notes in the clear.
      if (sealer && !opener) throw new LockedError();
      await setNotesAndTags(getDB(), id, notes, parseTags(tags), opener && sealer ? { opener, sealer } : null);
      await props.onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form class="notes-edit" data-testid="notes-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label for={`notes-${id}`}>{t('history.notes')}</label>
      <textarea id={`notes-${id}`} data-testid="notes-input" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      <label for={`tags-${id}`}>{t('history.tags')}</label>
      <input id={`tags-${id}`} type="text" data-testid="tags-input" value={tags} aria-describedby={`tags-hint-${id}`} onInput={(e) => setTags(e.currentTarget.value)} />
      <span id={`tags-hint-${id}`} class="hint">{t('history.tagsHint')}</span>
      <div class="actions">
        <button type="submit" data-testid="save-notes">{t('history.save')}</button>
        {error && <span class="error" role="alert" data-testid="notes-error">{error}</span>}
      </div>
    </form>
  );
}
