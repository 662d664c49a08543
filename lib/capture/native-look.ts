/**
 * Wrappers a page cannot tell from the browser's own functions by their source text. Each wrapper
 * is a Proxy of the original (so `name`, `length` and own properties are the original's), and
 * `Function.prototype.toString` — itself replaced by such a Proxy — answers for a wrapper with the
 * original's text ("function getUserMedia() { [native code] }"), and for itself with its own.
 * Runs in the call page's world; the page still sees the same objects, only our hooks on them.
 */

/** Makes wrappers in one realm (one window); install once per realm, before any page script. */
export interface NativeLook {
  /** A method wrapper: `apply(original, this, args)` runs instead of the method. */
  method<F extends (...args: never[]) => unknown>(original: F, apply: (original: F, self: unknown, args: unknown[]) => unknown): F;
  /** A constructor wrapper: `construct(make)` runs instead of `new`; `make()` builds with the original. */
  ctor<C extends abstract new (...args: never[]) => unknown>(original: C, after: (made: InstanceType<C>, args: unknown[]) => void): C;
}

/** The script file a stack line points at (`…(file:1:2)` or `at file:1:2`), or null. */
const fileOf = (line: string | undefined): string | null => /\(?([^\s()]+):\d+:\d+\)?$/.exec(line?.trim() ?? '')?.[1] ?? null;

/**
 * Takes this file's lines out of an error's stack: a page that makes a wrapped function throw
 * (`getUserMedia.call(null)`) would otherwise read Selfview's script address in the trace.
 */
function scrubber(): (e: unknown) => unknown {
  const own = fileOf(new Error().stack?.split('\n')[2]) ?? fileOf(new Error().stack?.split('\n')[1]);
  return (e) => {
    const err = e as { stack?: unknown } | null;
    if (own && typeof err === 'object' && err !== null && typeof err.stack === 'string') {
      try {
        err.stack = err.stack.split('\n').filter((l) => !l.includes(own)).join('\n');
      } catch {
        /* a frozen error keeps its stack */
      }
    }
    return e;
  };
}

/** Installs the masked `Function.prototype.toString` of `realm` and returns the wrapper maker. */
export function installNativeLook(realm: { Function: FunctionConstructor }): NativeLook {
  const originals = new WeakMap<object, object>();
  const scrub = scrubber();
  /** Calls `run`, rethrowing its error without this script's stack lines. */
  const clean = <T>(run: () => T): T => {
    try {
      return run();
    } catch (e) {
      throw scrub(e);
    }
  };
  const fnProto = realm.Function.prototype;
  const toString = fnProto.toString;
  const masked = new Proxy(toString, {
    apply: (target, self: unknown, args: unknown[]) => clean(() => Reflect.apply(target, (typeof self === 'function' && originals.get(self)) || self, args)),
  });
  originals.set(masked, toString);
  // Same attributes as the original (writable, configurable, not enumerable): assignment keeps them.
  fnProto.toString = masked;
  return {
    method(original, apply) {
      const p = new Proxy(original, { apply: (target, self: unknown, args: unknown[]) => clean(() => apply(target, self, args)) });
      originals.set(p, original);
      return p;
    },
    ctor(original, after) {
      const p = new Proxy(original, {
        construct(target, args: unknown[], newTarget) {
          // `new` through the proxy: newTarget is the proxy, whose `prototype` is the original's.
          const made = clean(() => Reflect.construct(target, args, newTarget === p ? target : newTarget)) as InstanceType<typeof original>;
          after(made, args);
          return made as object;
        },
      });
      originals.set(p, original);
      // `X.prototype.constructor === X` must stay true for the replaced global.
      const proto = (original as unknown as { prototype?: { constructor?: unknown } }).prototype;
      if (proto && proto.constructor === original) proto.constructor = p;
      return p;
    },
  };
}
