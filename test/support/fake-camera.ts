/**
 * Makes .y4m clips for Chromium's fake camera from the shared webcam clips or stills, at test time
 * and into a temp dir (shared/ is read-only and media is never committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = join(tmpdir(), 'selfview-y4m');

/** Framing of the clip in the fake camera's 640×480 picture. */
const FRAMING = {
  full: 'scale=640:480',
  // The person in the left third of the picture, as when sitting off to one side of the camera.
  offCentre: 'scale=320:240,pad=640:480:0:120',
} as const;

/** A clip of `seconds` from `src` starting at `from`, 640×480 at 15 fps (cached per arguments). */
export function y4mFromVideo(src: string, from: number, seconds: number, framing: keyof typeof FRAMING = 'full'): string {
  mkdirSync(DIR, { recursive: true });
  const out = join(DIR, `${src.replace(/\W+/g, '_')}_${from}_${seconds}_${framing}.y4m`);
  if (!existsSync(out)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(from), '-t', String(seconds), '-i', src,
      '-vf', `${FRAMING[framing]},fps=15`, '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}

/** A 2-second still clip of an image (640×480, letterboxed). */
export function y4mFromImage(src: string): string {
  mkdirSync(DIR, { recursive: true });
  const out = join(DIR, `${src.replace(/\W+/g, '_')}.y4m`);
  if (!existsSync(out)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-t', '2', '-i', src,
      '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=15', '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}
