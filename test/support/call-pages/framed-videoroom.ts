/**
 * The page that test/support/janus.ts writes next to Janus's demos (so it is served on the demos'
 * origin) and test/support/janus-iframe.ts opens: Debian's `videoroomtest.html` inside
 * `<iframe id="callframe" name="call">`. Kept free of imports so janus.ts can use it.
 */

/** File name of the framed videoroom page in the demo folder (open `${janus.demosUrl}${FRAMED_VIDEOROOM_FILE}`). */
export const FRAMED_VIDEOROOM_FILE = 'framed-videoroom.html';

/** The framed videoroom page. */
export const FRAMED_VIDEOROOM_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Framed videoroom</title>
<style>body { margin: 0; } iframe { border: 0; display: block; }</style></head><body>
<iframe id="callframe" name="call" src="videoroomtest.html" allow="camera; microphone" width="1200" height="900"></iframe>
</body></html>
`;
