/**
 * What the settings sections share: reading a stored item and following its changes, saving one
 * change at a time, and the short "Saved" status each section shows after a change.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readSettings, settings, type Settings } from '@/lib/settings/items';
import { DEFAULT_NUDGE_PREFS, nudgePrefs, type NudgePrefs } from '@/lib/feedback/items';
import { NUDGE_KINDS } from '@/lib/feedback/nudge-config';

/** How long "Saved" stays visible after a change (ms). */
export const SAVED_MS = 2500;

/** What `useStored` needs of a WXT storage item. */
interface Item<T> {
  getValue(): Promise<T>;
  watch(cb: (value: T) => void): () => void;
}

/** The item's value, checked by `parse`, kept up to date with changes made anywhere; undefined until read. */
export function useStored<T>(item: Item<unknown>, parse: (raw: unknown) => T): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(parse(v)));
    const unwatch = item.watch((v) => setValue(parse(v)));
    return () => {
      live = false;
      unwatch();
    };
  }, []); // the item and its parser are module constants
  return value;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs storage writes one after another, so two quick changes never overwrite each other's read. */
export function serially<T>(write: () => Promise<T>): Promise<T> {
  const next = queue.then(write, write);
  queue = next.catch(() => undefined);
  return next;
}

/** Changes some settings fields, keeping the others as stored. */
export const updateSettings = (patch: Partial<Settings>): Promise<void> =>
  serially(async () => settings.setValue({ ...(await readSettings()), ...patch }));

/** Stored nudge choices, checked: missing or malformed fields take their defaults. */
export function parsePrefs(raw: unknown): NudgePrefs {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<NudgePrefs>;
  const enabled = { ...DEFAULT_NUDGE_PREFS.enabled };
  for (const k of NUDGE_KINDS) {
    const v = p.enabled?.[k];
    if (typeof v === 'boolean') enabled[k] = v;
  }
  return { quiet: p.quiet === true, smileGoal: p.smileGoal === true, enabled };
}

/** Changes the nudge choices from their stored (checked) value. */
export const updatePrefs = (change: (p: NudgePrefs) => NudgePrefs): Promise<void> =>
  serially(async () => nudgePrefs.setValue(change(parsePrefs(await nudgePrefs.getValue()))));

/** A section's save state: `save` runs a write and then shows "Saved" (or why it failed) for a moment. */
export function useSaveStatus(): { status: { text: string; error: boolean } | null; save: (write: () => Promise<unknown>, done?: string) => Promise<void> } {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const save = async (write: () => Promise<unknown>, done = 'Saved') => {
    clearTimeout(timer.current);
    try {
      await write();
      setStatus({ text: `✓ ${done}`, error: false });
      timer.current = setTimeout(() => setStatus(null), SAVED_MS);
    } catch (err) {
      // An error stays until the next change: it must not vanish before it is read.
      setStatus({ text: `Not saved: ${err instanceof Error ? err.message : String(err)}`, error: true });
    }
  };
  return { status, save };
}

/**
 * A section card: heading, the "Saved" status next to it (always in the page, so screen readers
 * announce its changes), then the controls.
 */
export function OptionsSection(props: {
  id: string;
  title: string;
  status: { text: string; error: boolean } | null;
  children: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`} data-testid={`section-${props.id}`}>
      <div class="section-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p class={props.status?.error ? 'saved error' : 'saved'} role="status" data-testid={`${props.id}-saved`}>
          {props.status?.text ?? ''}
        </p>
      </div>
      {props.children}
    </section>
  );
}
