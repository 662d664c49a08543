/** The history page's filter bar: site, tag, date range and a search over notes and tags. */
import { t } from '@/lib/i18n';
import type { Filters } from './HistoryData';
import { dayEnd, dayStart } from './HistoryModel';

const isoDay = (ms: number | undefined): string => {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function HistoryFilters(props: { sites: string[]; tags: string[]; value: Filters; onChange(f: Filters): void; count: number | null; total: number }) {
  const f = props.value;
  const set = (patch: Partial<Filters>) => props.onChange({ ...f, ...patch });
  return (
    <form class="filters card" role="search" aria-label={t('history.filter.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('history.filter.site')}
        <select data-testid="filter-site" value={f.site ?? ''} onChange={(e) => set({ site: e.currentTarget.value || undefined })}>
          <option value="">{t('history.filter.any')}</option>
          {props.sites.map((s) => <option key={s} value={s}>{s.replace(/^https?:\/\//, '')}</option>)}
        </select>
      </label>
      <label>
        {t('history.filter.tag')}
        <select data-testid="filter-tag" value={f.tag ?? ''} onChange={(e) => set({ tag: e.currentTarget.value || undefined })}>
          <option value="">{t('history.filter.any')}</option>
          {props.tags.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        {t('history.filter.from')}
        <input type="date" data-testid="filter-from" value={isoDay(f.from)} onChange={(e) => set({ from: dayStart(e.currentTarget.value) })} />
      </label>
      <label>
        {t('history.filter.to')}
        <input type="date" data-testid="filter-to" value={isoDay(f.to)} onChange={(e) => set({ to: dayEnd(e.currentTarget.value) })} />
      </label>
      <label class="grow">
        {t('history.filter.search')}
        <input type="search" data-testid="filter-search" value={f.q} placeholder={t('history.filter.searchHint')} onInput={(e) => set({ q: e.currentTarget.value })} />
      </label>
      <p class="muted count" role="status" data-testid="filter-count">
        {props.count === null ? '' : t('history.filter.count', { n: props.count, total: props.total })}
      </p>
    </form>
  );
}
