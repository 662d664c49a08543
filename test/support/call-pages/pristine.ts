/**
 * `/pristine`: gets the camera through a pristine `getUserMedia` taken from a fresh iframe's realm
 * (`frame.contentWindow.MediaDevices.prototype.getUserMedia.call(navigator.mediaDevices, ...)`),
 * the trick a page uses to dodge wrappers on its own `navigator.mediaDevices`; then sends it like
 * `/call`. Same controls and status texts as `/call`. The iframe is `#realmframe` (hidden, created
 * on the first join and kept). Handles: `window.pc1`, `window.pc2`, `window.sender`, `window.track`,
 * `window.camOffAt`.
 */
import { callShell } from './shell';

/** Path of the pristine-getUserMedia page. */
export const PRISTINE_PATH = '/pristine';

/** The `/pristine` page. */
export const PRISTINE_PAGE = callShell('Camera through a pristine getUserMedia', `
let realm, track;
function pristineGetUserMedia() {
  if (!realm) {
    realm = document.createElement('iframe');
    realm.id = 'realmframe';
    realm.hidden = true;
    document.body.append(realm);
  }
  return realm.contentWindow.MediaDevices.prototype.getUserMedia;
}
async function camera() {
  const stream = await pristineGetUserMedia().call(navigator.mediaDevices, { video: true, audio: false });
  track = window.track = stream.getVideoTracks()[0];
  showLocal(track);
  return stream;
}
act('join', async () => {
  const stream = await camera();
  await connect((pc) => pc.addTrack(track, stream));
  status('joined');
});
act('camoff', () => { window.camOffAt = Date.now(); track.stop(); status('camera off'); });
act('camon', async () => { await camera(); await window.sender.replaceTrack(track); status('camera on'); });
act('leave', () => hangUp([track]));
`);
