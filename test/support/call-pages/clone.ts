/**
 * `/clone?via=addTrack|addTransceiver|stream|processor`: the camera track A is cloned (B = A.clone())
 * and only a derivative of B goes on the call, A being stopped right after:
 * - `addTrack`: `pc1.addTrack(B, new MediaStream([B]))`, then `A.stop()`;
 * - `addTransceiver`: `pc1.addTransceiver(B, { direction: 'sendonly' })`, then `A.stop()`;
 * - `stream`: `s = new MediaStream([B]); A.stop(); pc1.addTrack(s.getVideoTracks()[0], s)`;
 * - `processor`: B → MediaStreamTrackProcessor → pass-through TransformStream →
 *   MediaStreamTrackGenerator (or VideoTrackGenerator's `.track` where only that exists), whose
 *   track is sent with `pc1.addTrack(gen)`; then `A.stop()`.
 * `via` defaults to addTrack; an unknown value fails the join ("error: ..." in `#status`).
 * Camera off stops B (and the generator); camera on gets a new A, clones it, stops A and
 * `replaceTrack`s the clone (a new processor/generator pair for `processor`). `<video id="local">`
 * shows B. Handles: `window.pc1`, `window.pc2`, `window.sender`, `window.original` (A),
 * `window.clone` (B), `window.track` (what is sent), `window.via`, `window.camOffAt`,
 * `window.insertable` (typeof of the insertable-stream classes on window).
 */
import { callShell } from './shell';

/** Path of the cloned-track page (add `?via=...`). */
export const CLONE_PATH = '/clone';
/** The ways `/clone` puts the clone on the call. */
export const CLONE_VIAS = ['addTrack', 'addTransceiver', 'stream', 'processor'] as const;
export type CloneVia = (typeof CLONE_VIAS)[number];

/** The `/clone` page (reads `via` from its own query string). */
export const CLONE_PAGE = callShell('Call with a cloned camera track', `
const via = (window.via = new URLSearchParams(location.search).get('via') || 'addTrack');
document.querySelector('h1').textContent += ' (via ' + via + ')';
window.insertable = Object.fromEntries(['MediaStreamTrackProcessor', 'MediaStreamTrackGenerator', 'VideoTrackGenerator']
  .map((n) => [n, typeof window[n]]));
let original, clone, gen;
async function cloned() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  original = window.original = stream.getVideoTracks()[0];
  clone = window.clone = original.clone();
  showLocal(clone);
}
function piped(track) {
  if (typeof MediaStreamTrackProcessor !== 'function') throw new Error('no MediaStreamTrackProcessor on window');
  let out, writable;
  if (typeof MediaStreamTrackGenerator === 'function') { out = new MediaStreamTrackGenerator({ kind: 'video' }); writable = out.writable; }
  else if (typeof VideoTrackGenerator === 'function') { const g = new VideoTrackGenerator(); out = g.track; writable = g.writable; }
  else throw new Error('no MediaStreamTrackGenerator nor VideoTrackGenerator on window');
  new MediaStreamTrackProcessor({ track }).readable
    .pipeThrough(new TransformStream({ transform: (frame, c) => c.enqueue(frame) }))
    .pipeTo(writable).catch(() => {});
  return (gen = out);
}
act('join', async () => {
  if (!['addTrack', 'addTransceiver', 'stream', 'processor'].includes(via)) throw new Error('unknown via=' + via);
  await cloned();
  await connect((pc) => {
    let sender;
    if (via === 'addTrack') { sender = pc.addTrack((window.track = clone), new MediaStream([clone])); original.stop(); }
    if (via === 'addTransceiver') { sender = pc.addTransceiver((window.track = clone), { direction: 'sendonly' }).sender; original.stop(); }
    if (via === 'stream') { const s = new MediaStream([clone]); original.stop(); sender = pc.addTrack((window.track = s.getVideoTracks()[0]), s); }
    if (via === 'processor') { sender = pc.addTrack((window.track = piped(clone))); original.stop(); }
    return sender;
  });
  status('joined');
});
act('camoff', () => { window.camOffAt = Date.now(); clone.stop(); if (gen) gen.stop(); status('camera off'); });
act('camon', async () => {
  await cloned();
  original.stop();
  await window.sender.replaceTrack((window.track = via === 'processor' ? piped(clone) : clone));
  status('camera on');
});
act('leave', () => hangUp([original, clone, gen]));
`);
