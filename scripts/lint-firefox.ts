/**
 * `npm run lint:firefox`: lints the built Firefox package with web-ext and fails on any error or
 * any warning that is not one of the explained library warnings (scripts/support/firefox-lint.ts).
 * Usage: tsx scripts/lint-firefox.ts [built firefox-mv3 dir] (default: the one `npm run build` makes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXTENSION_DIR } from './support/paths';
import { KNOWN_WARNINGS, lintFailures, type LintReport } from './support/firefox-lint';

const dir = process.argv[2] ?? resolve(dirname(EXTENSION_DIR), 'firefox-mv3');
if (!existsSync(resolve(dir, 'manifest.json'))) throw new Error(`No Firefox build at ${dir}: run "npm run build" first (it builds Chromium and Firefox).`);

let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--no-config-discovery', '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
} catch (err) {
  // web-ext exits non-zero when there are errors; the JSON report is still on stdout.
  out = (err as { stdout?: string }).stdout ?? '';
  if (!out) throw err;
}
const report = JSON.parse(out) as LintReport & { summary: { errors: number; warnings: number; notices: number } };
for (const m of [...report.errors, ...report.warnings, ...report.notices]) console.log(`${m.code} ${m.file ?? ''}: ${m.message}`);
const failures = lintFailures(report, (file) => readFileSync(resolve(dir, file), 'utf8'));
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${report.summary.warnings - (failures.length - report.errors.length)} known, see scripts/support/firefox-lint.ts), ${report.summary.notices} notices`);
if (failures.length > 0) {
  console.error(`Failing: ${failures.map((f) => `${f.code} in ${f.file ?? 'the package'}`).join('; ')}`);
  process.exitCode = 1;
} else console.log(`OK (${KNOWN_WARNINGS.length} kinds of library warning allowed).`);
