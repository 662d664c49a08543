/** Opening and releasing the user's camera, with errors a person can act on. */

/** Capture size asked of the camera; analysis downsizes further. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
};

/** Maps getUserMedia failures to plain sentences. */
export function cameraErrorMessage(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for Selfview in the browser’s site settings, then press Start again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera and press Start again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is busy or could not be started (another app may be using it).';
    default:
      return `The camera could not be opened${err instanceof Error && err.message ? `: ${err.message}` : '.'}`;
  }
}

/** Opens the camera; throws an Error whose message is from `cameraErrorMessage`. */
export async function openCamera(): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
  } catch (err) {
    throw new Error(cameraErrorMessage(err));
  }
}

/** Stops every track, which turns the camera light off. */
export function releaseCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
