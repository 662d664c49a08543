/**
 * What the settings sections share: a stored value that shows changes at once and follows changes
 * made elsewhere, writes run one at a time, and the short "Saved" status each section shows.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sanitizeSettings, type Settings } from '@/lib/settings/items';
import { DEFAULT_NUDGE_PREFS, type NudgePrefs } from '@/lib/feedback/items';
import { NUDGE_KINDS } from '@/lib/feedback/nudge-config';
import { t } from '@/lib/i18n';

/** How long "Saved" stays visible after a change (ms). */
export const SAVED_MS = 2500;

/** What `useStored` needs of a WXT storage item. */
interface Item<T> {
  getValue(): Promise<unknown>;
  setValue(value: T): Promise<void>;
  watch(cb: (value: unknown) => void): () => void;
}

let queue: Promise<unknown> = Promise.resolve();
/** Writes queued or running, and what to do once there are none. */
let pending = 0;
const onDrained = new Set<() => void>();

/** Runs storage writes one after another, so two quick changes never overwrite each other's read. */
export function serially<T>(write: () => Promise<T>): Promise<T> {
  pending++;
  const next = queue.then(write, write);
  queue = next
    .catch(() => undefined)
    .finally(() => {
      if (--pending === 0) for (const f of onDrained) f();
    });
  return next;
}

/** A stored value on the page: `value` is undefined until read; `change` shows a change at once and stores it. */
export interface Stored<T> {
  value: T | undefined;
  change(fn: (v: T) => T): Promise<void>;
}

/**
 * The item's value, checked by `parse`, kept up to date with changes made anywhere (another tab,
 * a call). A change shows at once. While writes are under way, storage events (which may describe
 * an earlier write) are held back and the value is read afresh once the writes are done — so a
 * checkbox never flickers back to a state it just left, and a failed write shows what is stored.
 */
export function useStored<T>(item: Item<T>, parse: (raw: unknown) => T): Stored<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const read = () => void item.getValue().then((v) => live && pending === 0 && setValue(parse(v)));
    read();
    const unwatch = item.watch((v) => pending === 0 && setValue(parse(v)));
    onDrained.add(read);
    return () => {
      live = false;
      unwatch();
      onDrained.delete(read);
    };
  }, []); // the item and its parser are module constants
  const change = (fn: (v: T) => T) => {
    setValue((v) => (v === undefined ? v : fn(v)));
    // Applied to what is stored, not to what is shown: another tab may have changed other fields.
    return serially(async () => item.setValue(fn(parse(await item.getValue()))));
  };
  return { value, change };
}

/** Stored settings, bounded (anything unreadable takes the defaults). */
export const parseSettings = (raw: unknown): Settings => sanitizeSettings(typeof raw === 'object' && raw !== null ? raw : {});

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

/** A section's save state: `save` runs a write and then shows "Saved" (or `done`, or why it failed) for a moment. */
export function useSaveStatus(): { status: { text: string; error: boolean } | null; save: (write: () => Promise<unknown>, done?: string) => Promise<void> } {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const save = async (write: () => Promise<unknown>, done = t('options.saved')) => {
    clearTimeout(timer.current);
    try {
      await write();
      setStatus({ text: t('options.savedMark', { what: done }), error: false });
      timer.current = setTimeout(() => setStatus(null), SAVED_MS);
    } catch (err) {
      // An error stays until the next change: it must not vanish before it is read.
      setStatus({ text: t('options.notSaved', { reason: err instanceof Error ? err.message : String(err) }), error: true });
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
