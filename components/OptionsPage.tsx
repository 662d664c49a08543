import { useEffect, useState } from 'preact/hooks';
import { BUILT_IN_SITES, userSite, type CallSite } from '@/lib/sites/call-sites';
import { siteModes, userSites, type SiteMode } from '@/lib/sites/items';
import { addUserSite, removeUserSite } from '@/lib/sites/registration';
import { readSettings, settings } from '@/lib/settings/items';

const MODE_LABEL: Record<SiteMode, string> = { ask: 'Ask me each call', auto: 'Start automatically', never: 'Never' };

/** Settings: where Selfview runs and how it starts there. */
export function OptionsPage() {
  const [modes, setModes] = useState<Record<string, SiteMode>>({});
  const [mine, setMine] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [overlay, setOverlay] = useState(false);

  useEffect(() => {
    void siteModes.getValue().then(setModes);
    void userSites.getValue().then(setMine);
    void readSettings().then((v) => setOverlay(v.overlay));
    const a = siteModes.watch((v) => setModes(v ?? {}));
    const b = userSites.watch((v) => setMine(v ?? []));
    return () => {
      a();
      b();
    };
  }, []);

  const toggleOverlay = async (on: boolean) => {
    await settings.setValue({ ...(await readSettings()), overlay: on });
    setOverlay(on);
  };
  const setMode = async (key: string, mode: SiteMode) => siteModes.setValue({ ...(await siteModes.getValue()), [key]: mode });
  const add = async (e: Event) => {
    e.preventDefault();
    try {
      const key = await addUserSite(input);
      setInput('');
      setMessage({ text: `Added ${key}. Reload its tab for Selfview to see calls there.`, error: false });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };
  const remove = async (key: string) => {
    await removeUserSite(key);
    setMessage({ text: `Removed ${key}; Selfview no longer runs there.`, error: false });
  };

  const row = (site: CallSite) => (
    <tr key={site.key} data-site={site.key}>
      <th scope="row">{site.name}</th>
      <td>
        <select aria-label={`When a call starts on ${site.name}`} value={modes[site.key] ?? 'ask'}
          onChange={(e) => void setMode(site.key, (e.currentTarget as HTMLSelectElement).value as SiteMode)}>
          {(Object.keys(MODE_LABEL) as SiteMode[]).map((m) => <option value={m} key={m}>{MODE_LABEL[m]}</option>)}
        </select>
      </td>
      <td>{!site.builtIn && <button type="button" onClick={() => void remove(site.key)} data-testid="remove-site">Remove</button>}</td>
    </tr>
  );

  return (
    <main>
      <h1>Selfview settings</h1>
      <section class="card" aria-labelledby="sites-title">
        <h2 id="sites-title">Call sites</h2>
        <p class="muted">Selfview only ever runs on these sites, and only on your own camera.</p>
        <table class="rows" data-testid="sites">
          <tbody>{[...BUILT_IN_SITES, ...mine.map(userSite)].map(row)}</tbody>
        </table>
        <form onSubmit={(e) => void add(e)} class="controls">
          <label>
            Add a site (for example a self-hosted Jitsi):{' '}
            <input value={input} onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)} placeholder="https://meet.example.org" data-testid="site-input" />
          </label>{' '}
          <button type="submit" data-testid="add-site">Add site</button>
        </form>
        {message && <p class={message.error ? 'error' : ''} role="status" data-testid="sites-message">{message.text}</p>}
      </section>
      <section class="card" aria-labelledby="call-title">
        <h2 id="call-title">During a call</h2>
        <label>
          <input type="checkbox" checked={overlay} data-testid="overlay-toggle"
            onChange={(e) => void toggleOverlay((e.currentTarget as HTMLInputElement).checked)} />{' '}
          Show a small private badge in the call page with how well Selfview can see your face
        </label>
        <p class="muted">Only you see it: it is drawn on your screen, not added to your video. Drag it to move it; × hides it for the call.</p>
      </section>
    </main>
  );
}
