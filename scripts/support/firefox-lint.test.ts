// The Firefox lint fails on anything but the three explained library warnings (the messages below
// are the ones `npm run lint:firefox` reported for the package, and the ones it reported before
// the manifest was made per browser).
import { describe, expect, it } from 'vitest';
import { lintFailures, type LintReport } from './firefox-lint';

const report = (warnings: { code: string; message: string; file?: string }[], errors: LintReport['errors'] = []): LintReport => ({ errors, warnings, notices: [] });

/** What the flagged built files hold: each library's marker (the chunk names change between builds). */
const FILES: Record<string, string> = {
  'chunks/theme-DfgqSwfw.js': 'x.innerHTML=y;…"dangerouslySetInnerHTML"…',
  'chunks/mount-e3No0h7Y.js': 'x.innerHTML=y;…"dangerouslySetInnerHTML"…',
  'chunks/analysis-qHn3ilEN.js': 'typeof importScripts…import(u)',
  'chunks/history-CVtJFPyG.js': 'jitless…new Function("")',
  'background.js': 'typeof importScripts…import(u)',
  'chunks/popup-C6l-ope-.js': 'new Function("return 1")',
  'manifest.json': '{}',
};
const read = (f: string) => FILES[f] ?? '';

const LIBRARY_WARNINGS = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'chunks/theme-DfgqSwfw.js' },
  { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe call to import for argument 0', file: 'chunks/analysis-qHn3ilEN.js' },
  { code: 'DANGEROUS_EVAL', message: 'The Function constructor is eval.', file: 'chunks/history-CVtJFPyG.js' },
  { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe call to import for argument 0', file: 'background.js' },
];

describe('lintFailures', () => {
  it('passes the package as it is built now', () => {
    expect(lintFailures(report(LIBRARY_WARNINGS), read)).toEqual([]);
  });

  it('recognises a library warning by what the file holds, whatever the chunk is called', () => {
    const renamed = { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file: 'chunks/mount-e3No0h7Y.js' };
    expect(lintFailures(report([renamed]), read)).toEqual([]);
  });

  it('fails on the Chromium-only keys and the missing gecko id', () => {
    const offscreen = { code: 'MANIFEST_PERMISSIONS', message: '/permissions: Invalid permissions "offscreen" at 0.', file: 'manifest.json' };
    const api = { code: 'UNSUPPORTED_API', message: 'offscreen.createDocument is not supported', file: 'background.js' };
    const id = { code: 'ADDON_ID_REQUIRED', message: 'The add-on ID is required in Manifest Version 3 and above.', file: 'manifest.json' };
    expect(lintFailures(report([...LIBRARY_WARNINGS, offscreen, api], [id]), read)).toEqual([id, offscreen, api]);
  });

  it('fails on a known kind of warning in a file without that library', () => {
    const evalInPopup = { code: 'DANGEROUS_EVAL', message: 'The Function constructor is eval.', file: 'chunks/popup-C6l-ope-.js' };
    expect(lintFailures(report([evalInPopup]), read)).toEqual([evalInPopup]);
  });
});
