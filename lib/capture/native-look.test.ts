// Protects the disguise of the page hook's wrappers: in a fresh realm (node:vm, like a call page's
// window), a wrapped built-in reads as the original through Function.prototype.toString (which
// itself still reads as native), keeps its name and length, runs the hook and returns the original's
// result; a wrapped constructor keeps `new`, instanceof, `X.prototype.constructor === X` and subclassing.
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { installNativeLook, type NativeLook } from './native-look';

type Realm = typeof globalThis;

/** A fresh realm with the masked toString installed, and a way to run page code in it. */
function freshRealm(): { realm: Realm; look: NativeLook; page: <T>(code: string) => T; toString: (f: unknown) => string } {
  const context = createContext();
  const page = <T>(code: string): T => runInContext(code, context) as T;
  const realm = page<Realm>('globalThis');
  const original = realm.Function.prototype.toString;
  const look = installNativeLook(realm);
  expect(realm.Function.prototype.toString).not.toBe(original);
  return { realm, look, page, toString: (f) => realm.Function.prototype.toString.call(f) };
}

describe('installNativeLook', () => {
  it('makes a method wrapper read as the original, to toString and to the page', () => {
    const { realm, look, page, toString } = freshRealm();
    const max = realm.Math.max;
    const before = toString(max);
    expect(before).toBe('function max() { [native code] }');
    realm.Math.max = look.method(max, (fn, self, args) => fn.apply(self, args as number[]));
    expect(realm.Math.max).not.toBe(max);
    expect(toString(realm.Math.max)).toBe(before);
    expect(page('Function.prototype.toString.call(Math.max)')).toBe(before);
    expect(page('String(Math.max)')).toBe(before);
    expect(page('Math.max + ""')).toBe(before);
    expect(page('Math.max.name')).toBe('max');
    expect(page('Math.max.length')).toBe(2);
  });

  it('keeps toString itself looking native, with its name and length', () => {
    const { page } = freshRealm();
    expect(page('Function.prototype.toString.call(Function.prototype.toString)')).toBe('function toString() { [native code] }');
    expect(page('Function.prototype.toString.toString()')).toBe('function toString() { [native code] }');
    expect(page('[Function.prototype.toString.name, Function.prototype.toString.length]')).toEqual(['toString', 0]);
    expect(page('Object.getOwnPropertyDescriptor(Function.prototype, "toString")')).toMatchObject({ writable: true, enumerable: false, configurable: true });
    // Page functions and errors read as before.
    expect(page('(function hello(a) { return a; }).toString()')).toBe('function hello(a) { return a; }');
    const refusal = 'try { Function.prototype.toString.call({}) } catch (e) { [e instanceof TypeError, e.message] }';
    expect(page(refusal)).toEqual(runInContext(refusal, createContext()));
  });

  it('runs the hook with the call and returns what the original returns', () => {
    const { realm, look, page } = freshRealm();
    const seen: unknown[][] = [];
    realm.JSON.stringify = look.method(realm.JSON.stringify, (fn, self, args) => {
      seen.push(args);
      return fn.apply(self, args as Parameters<typeof JSON.stringify>);
    });
    expect(page('JSON.stringify({ a: 1 })')).toBe('{"a":1}');
    expect(seen).toEqual([[{ a: 1 }]]);
  });

  it('wraps a constructor that still works with new, instanceof and subclasses, and reads as the original', () => {
    const { realm, look, page, toString } = freshRealm();
    const made: unknown[] = [];
    const Original = realm.Map;
    const text = toString(Original);
    realm.Map = look.ctor(Original, (m, args) => made.push([m, args.length]));
    expect(toString(realm.Map)).toBe(text);
    expect(page('Map.name')).toBe('Map');
    expect(page('const m = new Map([[1, 2]]); [m instanceof Map, m.get(1), Object.getPrototypeOf(m) === Map.prototype]')).toEqual([true, 2, true]);
    expect(page('Map.prototype.constructor === Map')).toBe(true);
    expect(made).toHaveLength(1);
    expect(page('class Sub extends Map { hi() { return "hi " + this.size; } }; const s = new Sub([[1, 1]]); [s instanceof Sub, s instanceof Map, s.hi()]')).toEqual([true, true, 'hi 1']);
    expect(made).toHaveLength(2);
    expect(() => page('Map()')).toThrow(/new/);
  });

  it('takes its own lines out of the stack of an error thrown through a wrapper', () => {
    const { realm, look, page } = freshRealm();
    realm.JSON.parse = look.method(realm.JSON.parse, (fn, self, args) => fn.apply(self, args as Parameters<typeof JSON.parse>));
    const stack = page('try { JSON.parse("{"); "no error" } catch (e) { e.stack }') as string;
    expect(stack).toMatch(/SyntaxError/);
    expect(stack).not.toMatch(/native-look\.ts/);
    const text = page('try { Function.prototype.toString.call({}) } catch (e) { e.stack }') as string;
    expect(text).toMatch(/TypeError/);
    expect(text).not.toMatch(/native-look\.ts/);
  });

  it('passes a returned promise on as a new one that settles the same way, its rejection without our frames', async () => {
    const { realm, look, page } = freshRealm();
    const fetchLike = (fail: boolean) => (fail ? realm.Promise.reject(new realm.Error('refused')) : realm.Promise.resolve(42));
    (realm as unknown as Record<string, unknown>).fetchLike = look.method(fetchLike, (fn, self, args) => fn.apply(self, args as [boolean]));
    expect(await (page('fetchLike(false)') as Promise<number>)).toBe(42);
    const reason = await (page('fetchLike(true)') as Promise<never>).catch((e: Error) => e);
    expect((reason as Error).message).toBe('refused');
    expect(String((reason as Error).stack)).not.toMatch(/native-look\.ts/);
  });
});
