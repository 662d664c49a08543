/**
 * `/blank-camera`: the camera comes from an `about:blank` iframe's `navigator.mediaDevices`, and the
 * top frame sends that (other-realm) track on its loopback call. Same controls and status texts as
 * `/call`; the iframe is `#camframe` (created on the first join, kept until the page goes away, as
 * removing it would end its tracks). Handles: `window.pc1`, `window.pc2`, `window.sender`,
 * `window.track` (the camera track being sent), `window.camOffAt` (set on camera off).
 */
import { callShell } from './shell';

/** Path of the about:blank-camera page. */
export const BLANK_CAMERA_PATH = '/blank-camera';

/** The `/blank-camera` page. */
export const BLANK_CAMERA_PAGE = callShell('Camera from an about:blank frame', `
let frame, track;
function cameraFrame() {
  if (!frame) {
    frame = document.createElement('iframe');
    frame.id = 'camframe';
    frame.setAttribute('allow', 'camera');
    frame.width = '2'; frame.height = '2';
    document.body.append(frame);
  }
  return frame.contentWindow;
}
async function camera() {
  const stream = await cameraFrame().navigator.mediaDevices.getUserMedia({ video: true });
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
