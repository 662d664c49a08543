/**
 * `/framed`: a top page that runs the `/call` page inside an iframe (the call, its camera and its
 * peer connections all live in the frame; the top page has no script).
 *
 * - `/framed`: `<iframe id="callframe" name="call" src="/call">` in the top page. Drive it with
 *   `page.frameLocator('#callframe')` or `page.frame({ name: 'call' })`.
 * - `/framed?nested=1`: two levels, the top page holds `<iframe id="outerframe" name="outer"
 *   src="/framed">`, which holds the `#callframe`/`call` frame: `page.frame({ name: 'call' })`, or
 *   `page.frameLocator('#outerframe').frameLocator('#callframe')`.
 */

/** Path of the framed-call page. */
export const FRAMED_PATH = '/framed';

/** The `/framed` page; `nested` puts one more same-origin frame between the top page and the call. */
export function framedPage(nested: boolean): string {
  const frame = nested
    ? `<iframe id="outerframe" name="outer" src="${FRAMED_PATH}" allow="camera; microphone" width="700" height="600"></iframe>`
    : `<iframe id="callframe" name="call" src="/call" allow="camera; microphone" width="640" height="480"></iframe>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Framed call</title></head><body>
<h1>Framed call${nested ? ' (nested)' : ''}</h1>
${frame}
</body></html>`;
}
