/** How results and failures cross contexts: never a thrown error, always one of these. */
export type Result<T> = { data: T } | { error: string };

/** Runs `fn` and wraps its outcome, so a failure becomes a message instead of a broken channel. */
export async function toResult<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { data: await fn() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Unwraps a `Result`, throwing its error message. */
export function unwrap<T>(r: Result<T>): T {
  if ('error' in r) throw new Error(r.error);
  return r.data;
}
