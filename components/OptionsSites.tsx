/** Settings › Call sites: where Selfview runs and how it starts there. */
import { useState } from 'preact/hooks';
import { BUILT_IN_SITES, userSite, type CallSite } from '@/lib/sites/call-sites';
import { siteModes, userSites, type SiteMode } from '@/lib/sites/items';
import { addUserSite, removeUserSite } from '@/lib/sites/registration';
import { t } from '@/lib/i18n';
import { OptionsSection, useSaveStatus, useStored } from './OptionsShared';

const MODES: readonly SiteMode[] = ['ask', 'auto', 'never'];
const modeLabel = (m: SiteMode): string => t(`options.sites.mode.${m}`);

const parseModes = (raw: unknown): Record<string, SiteMode> => (typeof raw === 'object' && raw !== null ? (raw as Record<string, SiteMode>) : {});
const parseSites = (raw: unknown): string[] => (Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : []);

export function OptionsSites() {
  const storedModes = useStored(siteModes, parseModes);
  const modes = storedModes.value ?? {};
  const mine = useStored(userSites, parseSites).value ?? [];
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const { status, save } = useSaveStatus();

  const setMode = (key: string, mode: SiteMode) => save(() => storedModes.change((m) => ({ ...m, [key]: mode })));
  const add = async (e: Event) => {
    e.preventDefault();
    // addUserSite asks for the site's permission first thing: nothing may be awaited before it,
    // or Chrome no longer sees the click that allows the request.
    try {
      const key = await addUserSite(input);
      setInput('');
      setMessage({ text: t('options.sites.added', { site: key }), error: false });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };
  const remove = async (key: string) => {
    await removeUserSite(key);
    setMessage({ text: t('options.sites.removed', { site: key }), error: false });
  };

  const row = (site: CallSite) => (
    <tr key={site.key} data-site={site.key}>
      <th scope="row">{site.name}</th>
      <td>
        <select aria-label={t('options.sites.modeLabel', { site: site.name })} value={modes[site.key] ?? 'ask'} data-testid="site-mode"
          onChange={(e) => void setMode(site.key, (e.currentTarget as HTMLSelectElement).value as SiteMode)}>
          {MODES.map((m) => <option value={m} key={m}>{modeLabel(m)}</option>)}
        </select>
      </td>
      <td>
        {!site.builtIn && (
          <button type="button" onClick={() => void remove(site.key)} data-testid="remove-site" aria-label={t('options.sites.removeLabel', { site: site.name })}>{t('options.sites.remove')}</button>
        )}
      </td>
    </tr>
  );

  return (
    <OptionsSection id="sites" title={t('options.sites.title')} status={status}>
      <p class="muted">{t('options.sites.intro')}</p>
      <table class="rows" data-testid="sites">
        <thead>
          <tr>
            <th scope="col">{t('options.sites.site')}</th>
            <th scope="col">{t('options.sites.whenStarts')}</th>
            <th scope="col"><span class="visually-hidden">{t('options.sites.remove')}</span></th>
          </tr>
        </thead>
        <tbody>{[...BUILT_IN_SITES, ...mine.map(userSite)].map(row)}</tbody>
      </table>
      <form onSubmit={(e) => void add(e)} class="actions">
        <label>
          {t('options.sites.add')}{' '}
          <input value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} placeholder="https://meet.example.org" data-testid="site-input" />
        </label>
        <button type="submit" data-testid="add-site">{t('options.sites.addButton')}</button>
      </form>
      {message && <p class={message.error ? 'error' : ''} role="status" data-testid="sites-message">{message.text}</p>}
    </OptionsSection>
  );
}
