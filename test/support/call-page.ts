/**
 * A minimal video-call page served on 127.0.0.1 for the call-tab tests: it joins a loopback
 * WebRTC call with the camera, and turns the camera off (Meet-style track.stop), on again
 * (replaceTrack), and leaves (closes its connections).
 *
 * The same server also serves variants where the camera sits in a frame or travels through a
 * derived track (all same origin, same buttons `#join #camoff #camon #leave` and `#status` texts):
 * - `/framed`, `/framed?nested=1`: `/call` inside `<iframe id="callframe" name="call">` (one or
 *   two frame levels; see call-pages/framed.ts);
 * - `/blank-camera`: the camera from an about:blank iframe, sent from the top frame;
 * - `/clone?via=addTrack|addTransceiver|stream|processor`: only a clone of the camera is sent;
 * - `/pristine`: getUserMedia taken from a fresh iframe's realm;
 * - `/cross-origin?frame=URL`: a top page embedding the call page at URL (e.g. the same server as
 *   http://localhost:PORT/call, another origin) in `<iframe id="callframe" name="call">`.
 * `npx tsx test/support/call-pages/check.ts` checks them all in plain Chromium.
 */
import { createServer, type Server } from 'node:http';
import { BLANK_CAMERA_PAGE, BLANK_CAMERA_PATH } from './call-pages/blank-camera';
import { CLONE_PAGE, CLONE_PATH } from './call-pages/clone';
import { CROSS_ORIGIN_PATH, crossOriginPage } from './call-pages/cross-origin';
import { FRAMED_PATH, framedPage } from './call-pages/framed';
import { PRISTINE_PAGE, PRISTINE_PATH } from './call-pages/pristine';

export { CLONE_VIAS, type CloneVia } from './call-pages/clone';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Test call</title></head><body>
<h1>Test call</h1>
<button id="join">Join</button><button id="camoff">Camera off</button><button id="camon">Camera on</button><button id="leave">Leave</button>
<p id="status">idle</p><video id="local" autoplay muted playsinline width="320"></video>
<script>
let stream, pc1, pc2, sender;
const status = (s) => (document.getElementById('status').textContent = s);
const camera = () => navigator.mediaDevices.getUserMedia({ video: true, audio: false });
document.getElementById('join').onclick = async () => {
  stream = await camera();
  document.getElementById('local').srcObject = stream;
  pc1 = new RTCPeerConnection(); pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  sender = pc1.addTrack(stream.getVideoTracks()[0], stream);
  const offer = await pc1.createOffer(); await pc1.setLocalDescription(offer); await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer(); await pc2.setLocalDescription(answer); await pc1.setRemoteDescription(answer);
  status('joined');
};
document.getElementById('camoff').onclick = () => { window.camOffAt = Date.now(); stream.getVideoTracks().forEach((t) => t.stop()); status('camera off'); };
document.getElementById('camon').onclick = async () => {
  stream = await camera(); document.getElementById('local').srcObject = stream;
  await sender.replaceTrack(stream.getVideoTracks()[0]); status('camera on');
};
document.getElementById('leave').onclick = () => { stream.getTracks().forEach((t) => t.stop()); pc1.close(); pc2.close(); status('left'); };
</script></body></html>`;

/** Paths of the variant pages (append them to `origin`; `/clone` wants `?via=...`). */
export const CALL_PATHS = { call: '/call', framed: FRAMED_PATH, blankCamera: BLANK_CAMERA_PATH, clone: CLONE_PATH, pristine: PRISTINE_PATH, crossOrigin: CROSS_ORIGIN_PATH } as const;

/** The HTML for a request path (with its query), or undefined for a 404. */
function pageFor(url: string): string | undefined {
  if (url.startsWith('/call')) return PAGE;
  const { pathname, searchParams } = new URL(url, 'http://x');
  switch (pathname) {
    case FRAMED_PATH: return framedPage(searchParams.get('nested') === '1');
    case BLANK_CAMERA_PATH: return BLANK_CAMERA_PAGE;
    case CLONE_PATH: return CLONE_PAGE;
    case PRISTINE_PATH: return PRISTINE_PAGE;
    case CROSS_ORIGIN_PATH: return crossOriginPage(searchParams.get('frame'));
    default: return undefined;
  }
}

/** Starts the server on a free port; resolves with its origin and a stop function. */
export async function startCallPage(): Promise<{ origin: string; url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const page = pageFor(req.url ?? '/');
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: `${origin}/call`, stop: () => new Promise((r) => server.close(() => r())) };
}
