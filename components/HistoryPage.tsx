/**
 * The history page: every stored call in a list (filter, search, sort, select, export, delete,
 * notes and tags), trends per cue, goals, export and import, and the trainer view of imported
 * coach packets. Encrypted history that is locked shows the passphrase prompt first.
 */
import { useEffect, useState } from 'preact/hooks';
import { localisePage, t, type MessageKey } from '@/lib/i18n';
import { ExportPanel } from './ExportPanel';
import { GoalsPanel } from './GoalsPanel';
import { useFiltered, useHistory, type Filters } from './HistoryData';
import { HistoryFilters } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { ImportPanel } from './ImportPanel';
import { TrainerPanel } from './TrainerPanel';
import { TrendsPanel } from './TrendsPanel';
import { Unlock } from './Unlock';

const TABS = ['sessions', 'trends', 'goals', 'transfer', 'trainer'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = {
  sessions: 'history.tab.sessions',
  trends: 'history.tab.trends',
  goals: 'history.tab.goals',
  transfer: 'history.tab.transfer',
  trainer: 'history.tab.trainer',
} as const satisfies Record<Tab, MessageKey>;

const tabFromHash = (): Tab => (TABS as readonly string[]).includes(location.hash.slice(1)) ? (location.hash.slice(1) as Tab) : 'sessions';

export function HistoryPage() {
  const h = useHistory();
  const [tab, setTabState] = useState<Tab>(tabFromHash);
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useFiltered(h.state, filters);
  useEffect(() => localisePage(t('history.pageTitle')), []);
  const setTab = (next: Tab) => {
    setTabState(next);
    history.replaceState(null, '', `#${next}`);
  };
  // Arrow keys move between tabs (the ARIA tabs pattern); Tab moves on into the panel.
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const s = h.state;
  return (
    <main class="history" data-testid="history" data-ready={s.status === 'ready' && shown !== null ? 'true' : 'false'} data-status={s.status}>
      <h1>{t('history.title')}</h1>
      <p class="muted">{t('history.intro')}</p>
      {s.status === 'loading' && <p>{t('history.loading')}</p>}
      {s.status === 'error' && <p class="error" role="alert" data-testid="history-error">{t('history.loadError', { reason: s.message })}</p>}
      {s.status === 'locked' && (
        <section class="card" data-testid="history-locked">
          <p>{t('history.locked')}</p>
          <Unlock onUnlocked={h.unlocked} />
        </section>
      )}
      {s.status === 'ready' && (
        <>
          <div role="tablist" aria-label={t('history.tabsLabel')} class="tabs" onKeyDown={onTabKey}>
            {TABS.map((id) => (
              <button key={id} type="button" role="tab" id={`tab-${id}`} data-testid={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`}
                tabIndex={tab === id ? 0 : -1} class={tab === id ? 'tab current' : 'tab'} onClick={() => setTab(id)}>
                {t(TAB_LABEL[id])}
              </button>
            ))}
          </div>
          {(tab === 'sessions' || tab === 'trends' || tab === 'transfer') && <HistoryFilters sites={s.sites} tags={s.tags} value={filters} onChange={setFilters} count={shown?.length ?? null} total={s.rows.length} />}
          <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} data-testid={`panel-${tab}`}>
            {tab === 'sessions' && shown && <HistoryList rows={shown} selected={selected} onSelect={setSelected} vault={h.vault} reload={() => h.reload()} />}
            {tab === 'trends' && shown && <TrendsPanel rows={shown} />}
            {tab === 'goals' && <GoalsPanel rows={s.rows} />}
            {tab === 'transfer' && (
              <>
                <ExportPanel selected={[...selected].filter((id) => s.byId.has(id))} shown={shown ?? []} vault={h.vault} />
                <ImportPanel vault={h.vault} onImported={(kind, newPacket) => { if (kind === 'export') void h.reload(true); if (newPacket) setTab('trainer'); }} />
              </>
            )}
            {tab === 'trainer' && <TrainerPanel />}
          </section>
        </>
      )}
    </main>
  );
}
