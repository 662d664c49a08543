/**
 * Selfview's own, small stream of the call's camera, opened in the isolated content script with the
 * page's existing camera permission. It is never attached to the page's DOM, so page scripts
 * cannot reach its frames.
 */

/** Capture size and rate: enough for the face mesh, light on the machine. */
export const OWN_CAMERA = { width: 320, height: 240, maxFps: 15 } as const;

/**
 * Opens the call's camera small and plays it in a detached video element: by `deviceId`, or — as
 * device ids differ between frames (a camera the call opened in an about:blank frame has another id
 * here) — by its `label`, or the only camera there is. Any camera when both are null.
 */
export async function openOwnCamera(deviceId: string | null, label: string | null = null): Promise<{ stream: MediaStream; video: HTMLVideoElement }> {
  let stream: MediaStream;
  try {
    stream = await openDevice(deviceId);
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (deviceId === null || (name !== 'OverconstrainedError' && name !== 'NotFoundError')) throw err;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const same = cameras.find((d) => label !== null && d.label === label) ?? (cameras.length === 1 ? cameras[0] : undefined);
    if (!same) throw new Error(`the call's camera (${label ?? 'unknown'}) cannot be opened from here`);
    stream = await openDevice(same.deviceId);
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch (err) {
    for (const t of stream.getTracks()) t.stop(); // the camera light must not stay on for a stream nobody plays
    throw err;
  }
  return { stream, video };
}

function openDevice(deviceId: string | null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: OWN_CAMERA.width },
      height: { ideal: OWN_CAMERA.height },
      frameRate: { max: OWN_CAMERA.maxFps },
    },
  });
}
