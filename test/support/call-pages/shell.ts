/**
 * Pieces shared by the call-page variants of test/support/call-page.ts: the same buttons
 * (`#join #camoff #camon #leave`), status line (`#status`: idle, joined, camera off, camera on,
 * left) and `<video id="local">` as `/call`, plus a loopback call pc1 → pc2 in the top frame.
 */

/**
 * Inline script that defines, in the page's global scope:
 * - `status(text)`: writes `#status`;
 * - `act(id, fn)`: binds button `#id` to async `fn`; an exception shows as status "error: ..."
 *   and a console error (so a failing step is visible to tests and the self-check);
 * - `connect(attach)`: makes `window.pc1`/`window.pc2`, lets `attach(pc1)` add the camera and
 *   return its RTCRtpSender (kept as `window.sender`), then negotiates; pc2's track plays in
 *   `<video id="remote">`;
 * - `hangUp(tracks)`: stops `tracks`, closes both connections and shows "left".
 */
export const LOOPBACK_JS = `
const status = (s) => (document.getElementById('status').textContent = s);
const act = (id, fn) => (document.getElementById(id).onclick = async () => {
  try { await fn(); } catch (e) { console.error('[call-page] ' + id + ' failed:', e); status('error: ' + (e && e.message || e)); }
});
const showLocal = (track) => (document.getElementById('local').srcObject = new MediaStream([track]));
async function connect(attach) {
  const pc1 = (window.pc1 = new RTCPeerConnection());
  const pc2 = (window.pc2 = new RTCPeerConnection());
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  pc2.ontrack = (e) => (document.getElementById('remote').srcObject = e.streams[0] || new MediaStream([e.track]));
  window.sender = attach(pc1);
  const offer = await pc1.createOffer(); await pc1.setLocalDescription(offer); await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer(); await pc2.setLocalDescription(answer); await pc1.setRemoteDescription(answer);
}
function hangUp(tracks) {
  for (const t of tracks) if (t) t.stop();
  window.pc1.close(); window.pc2.close();
  status('left');
}
`;

/** A complete call page: `title` as <title> and <h1>, the shared controls, then `script` after LOOPBACK_JS. */
export function callShell(title: string, script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<h1>${title}</h1>
<button id="join">Join</button><button id="camoff">Camera off</button><button id="camon">Camera on</button><button id="leave">Leave</button>
<p id="status">idle</p>
<video id="local" autoplay muted playsinline width="320"></video><video id="remote" autoplay muted playsinline width="320"></video>
<script>${LOOPBACK_JS}
${script}
</script></body></html>`;
}
