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

type Trap = (...args: never[]) => unknown;

/**
 * Gives an error thrown through a wrapper a stack without this script in it: a page that makes a
 * wrapped function throw (`addTrack.call({})`) would otherwise read Selfview's script address in
 * the trace. Where the engine has `Error.captureStackTrace` the stack is taken afresh from the
 * page's own call (as the browser's function would have it); elsewhere this file's lines are cut.
 */
function stackHider(): (e: unknown, trap: Trap) => unknown {
  const capture = (Error as { captureStackTrace?: (o: object, fn: Trap) => void }).captureStackTrace;
  const own = fileOf(new Error().stack?.split('\n')[1]);
  return (e, trap) => {
    if (typeof e !== 'object' || e === null) return e;
    try {
      if (capture) capture(e, trap);
      else if (own && typeof (e as { stack?: unknown }).stack === 'string') {
        (e as { stack: string }).stack = (e as { stack: string }).stack.split('\n').filter((l) => !l.includes(own)).join('\n');
      }
    } catch {
      /* a frozen error keeps its stack */
    }
    return e;
  };
}

/** Installs the masked `Function.prototype.toString` of `realm` and returns the wrapper maker. */
export function installNativeLook(realm: { Function: FunctionConstructor; Promise?: PromiseConstructor }): NativeLook {
  const originals = new WeakMap<object, object>();
  const hide = stackHider();
  const RealmPromise = realm.Promise ?? Promise, then = RealmPromise.prototype.then;
  /**
   * A promise a wrapped method returned, passed on as a new one that settles the same way: a
   * rejection made inside the wrapper (`getUserMedia.call(null)`) then carries no stack of ours,
   * and a page that does not handle it still gets its `unhandledrejection` like from the original.
   */
  const mirror = (result: unknown, trap: Trap): unknown =>
    result instanceof RealmPromise
      ? new RealmPromise((ok, fail) => void Reflect.apply(then, result, [ok, (reason: unknown) => fail(hide(reason, trap))]))
      : result;
  /** A Proxy trap running `run`, whose errors come out without this script's frames. */
  const trapOf = <A extends unknown[], R>(run: (...args: A) => R): ((...args: A) => R) => {
    const trap = (...args: A): R => {
      try {
        return run(...args);
      } catch (e) {
        throw hide(e, trap as Trap);
      }
    };
    return trap;
  };
  const fnProto = realm.Function.prototype;
  const toString = fnProto.toString;
  const masked = new Proxy(toString, {
    apply: trapOf((target: typeof toString, self: unknown, args: unknown[]) => Reflect.apply(target, (typeof self === 'function' && originals.get(self)) || self, args)),
  });
  originals.set(masked, toString);
  // Same attributes as the original (writable, configurable, not enumerable): assignment keeps them.
  fnProto.toString = masked;
  return {
    method(original, apply) {
      // (Later, in the rejection, the trap is no longer on the stack: the stack is then empty, as a promise's would be.)
      const trap: (target: typeof original, self: unknown, args: unknown[]) => unknown = trapOf((target: typeof original, self: unknown, args: unknown[]) =>
        mirror(apply(target, self, args), trap as Trap));
      const p = new Proxy(original, { apply: trap });
      originals.set(p, original);
      return p;
    },
    ctor(original, after) {
      const p = new Proxy(original, {
        construct: trapOf((target: typeof original, args: unknown[], newTarget: unknown) => {
          // `new` through the proxy: newTarget is the proxy, whose `prototype` is the original's.
          const made = Reflect.construct(target, args, (newTarget === p ? target : newTarget) as typeof original) as InstanceType<typeof original>;
          after(made, args);
          return made as object;
        }),
      });
      originals.set(p, original);
      // `X.prototype.constructor === X` must stay true for the replaced global.
      const proto = (original as unknown as { prototype?: { constructor?: unknown } }).prototype;
      if (proto && proto.constructor === original) proto.constructor = p;
      return p;
    },
  };
}
