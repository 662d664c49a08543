/**
 * `/cross-origin?frame=URL`: a top page (no script of its own) that runs a call page from another
 * origin inside `<iframe id="callframe" name="call" allow="camera; microphone">`, e.g. the top page
 * on http://127.0.0.1:PORT embedding http://localhost:PORT/call (same server, different origin).
 * When only the top page's origin is a call site, Selfview runs in the top page but not in the
 * frame, so it cannot see the call's camera. Drive the call with `page.frame({ name: 'call' })`.
 */

/** Path of the cross-origin framed-call page (add `?frame=<absolute http(s) URL>`). */
export const CROSS_ORIGIN_PATH = '/cross-origin';

/** Escapes text for a double-quoted HTML attribute. */
const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `/cross-origin` page embedding `frameUrl`; undefined when it is not an absolute http(s) URL. */
export function crossOriginPage(frameUrl: string | null): string | undefined {
  if (!frameUrl || !/^https?:\/\//i.test(frameUrl)) return undefined;
  let src: string;
  try {
    src = new URL(frameUrl).href;
  } catch {
    return undefined;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Call framed from another origin</title></head><body>
<h1>Call framed from another origin</h1>
<iframe id="callframe" name="call" src="${attr(src)}" allow="camera; microphone" width="640" height="480"></iframe>
</body></html>`;
}
