/**
 * Selfview's own, small stream of the call's camera, opened in the isolated content script with the
 * page's existing camera permission. It is never attached to the page's DOM, so page scripts
 * cannot reach its frames.
 */

/** Capture size and rate: enough for the face mesh, light on the machine. */
export const OWN_CAMERA = { width: 320, height: 240, maxFps: 15 } as const;

/** Opens `deviceId` (or any camera when null) small and plays it in a detached video element. */
export async function openOwnCamera(deviceId: string | null): Promise<{ stream: MediaStream; video: HTMLVideoElement }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: OWN_CAMERA.width },
      height: { ideal: OWN_CAMERA.height },
      frameRate: { max: OWN_CAMERA.maxFps },
    },
  });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  return { stream, video };
}
