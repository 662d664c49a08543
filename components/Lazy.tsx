/**
 * A component whose code loads only when it is first drawn. The popup uses it so that its first
 * answer — the call's state and the Start/Stop buttons — never waits for the charts, the database
 * or the reliability tables to be parsed (on a slow machine those were most of its opening time).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Wraps `load` (a dynamic import) as a component that renders nothing until the code is there. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      loading ??= load().then((c) => (loaded = c));
      void loading.then((c) => live && setComponent(() => c)).catch((e: unknown) => console.warn('Selfview: could not load part of the page', e));
      return () => void (live = false);
    }, [Component]);
    return Component ? <Component {...props} /> : null;
  };
}
