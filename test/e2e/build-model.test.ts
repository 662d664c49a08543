// The build refuses a wrong or missing model with a message that says what to do.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/support/paths';

async function build(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const out = mkdtempSync(join(tmpdir(), 'selfview-build-'));
  try {
    const r = await promisify(execFile)('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, SELFVIEW_OUT_DIR: out, ...env } });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('build with a bad model', () => {
  it('stops on a file that is not the official model', async () => {
    const junk = join(mkdtempSync(join(tmpdir(), 'selfview-model-')), 'face_landmarker.task');
    writeFileSync(junk, 'not a model');
    const r = await build({ SELFVIEW_MODEL: junk });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain(`The Face Landmarker model at ${junk} is not the official file`);
    expect(r.output).toContain('64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff');
  });

  it('stops on a missing model', async () => {
    const r = await build({ SELFVIEW_MODEL: '/nonexistent/face_landmarker.task' });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('was not found at /nonexistent/face_landmarker.task');
    expect(r.output).toContain('SELFVIEW_MODEL');
  });
});
