/**
 * The history page's data: the vault state, every stored session as a `HistoryRow` (summaries
 * filled in once on open), the sites and tags to filter by, and the sessions of the current filter.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentOpener, sealerFor } from '@/lib/crypto/vault';
import { findSessions, sitesAndTags, type SessionFilter } from '@/lib/db/queries';
import { getDB } from '@/lib/db/schema';
import { LockedError, openSessionFields, type Opener, type Sealer } from '@/lib/db/sessions';
import { ensureSummaries } from '@/lib/db/summaries';
import { searchRows, toRow, type HistoryRow } from './HistoryModel';

/** What the page knows of the encrypted store: an opener while unlocked, a sealer while encryption is on. */
export interface Vault {
  opener: Opener | null;
  sealer: Sealer | null;
}

export type HistoryState =
  | { status: 'loading' }
  | { status: 'locked' }
  | { status: 'error'; message: string }
  | { status: 'ready'; rows: HistoryRow[]; byId: Map<string, HistoryRow>; sites: string[]; tags: string[] };

/** The filter bar: the stored-index filter plus a search over notes and tags. */
export interface Filters extends SessionFilter {
  q: string;
}

async function readAll(vault: Vault): Promise<HistoryState> {
  const db = getDB();
  const now = Date.now();
  const sessions = await findSessions(db, {});
  const rows = await Promise.all(sessions.map(async (s) => toRow(s, await openSessionFields(s, vault.opener), now)));
  const { sites, tags } = await sitesAndTags(db);
  return { status: 'ready', rows, byId: new Map(rows.map((r) => [r.id, r])), sites, tags };
}

/** Loads the history; `reload` after a change (`summarise`: fill in missing summaries too, e.g. after an import), `unlocked` when the user gave the passphrase. */
export function useHistory(): { state: HistoryState; vault: Vault; reload(summarise?: boolean): Promise<void>; unlocked(o: Opener): void } {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [vault, setVault] = useState<Vault>({ opener: null, sealer: null });
  const load = async (v: Vault, summarise: boolean) => {
    try {
      // Summaries are computed once, on open (and after unlocking, for the encrypted sessions).
      if (summarise) await ensureSummaries(getDB(), { opener: v.opener, sealer: v.sealer });
      setState(await readAll(v));
    } catch (err) {
      setState(err instanceof LockedError ? { status: 'locked' } : { status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  useEffect(() => {
    void (async () => {
      const db = getDB();
      const v = { opener: await currentOpener(db), sealer: await sealerFor(db) };
      setVault(v);
      await load(v, true);
    })();
  }, []);
  return {
    state,
    vault,
    reload: (summarise = false) => load(vault, summarise),
    unlocked: (opener) => {
      const v = { ...vault, opener };
      setVault(v);
      setState({ status: 'loading' });
      void load(v, true);
    },
  };
}

/** The rows of the current filter (indexed filters through `findSessions`, then the search), newest first. */
export function useFiltered(state: HistoryState, f: Filters): HistoryRow[] | null {
  const [ids, setIds] = useState<Set<string> | null>(null);
  const rows = state.status === 'ready' ? state.rows : null;
  useEffect(() => {
    if (!rows) return;
    let live = true;
    const filter: SessionFilter = { site: f.site || undefined, tag: f.tag || undefined, from: f.from, to: f.to };
    void findSessions(getDB(), filter).then((found) => live && setIds(new Set(found.map((s) => s.id))));
    return () => {
      live = false;
    };
  }, [rows, f.site, f.tag, f.from, f.to]);
  return useMemo(() => (rows && ids ? searchRows(rows.filter((r) => ids.has(r.id)), f.q) : null), [rows, ids, f.q]);
}
