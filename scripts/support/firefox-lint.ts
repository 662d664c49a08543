/**
 * Judges a `web-ext lint --output json` report of the Firefox package: every error fails, and so
 * does every warning except the few below, which come from bundled libraries and cannot be fixed
 * in this project's code (each says why it is harmless here).
 */

/** One message of the report (the fields we read). */
export interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

/** The report's shape (`web-ext lint --output json`). */
export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** A warning that is known, explained and allowed. */
export interface KnownWarning {
  code: string;
  /**
   * Text that identifies the library in the flagged file. Chunk names follow whichever module the
   * bundler put first (they changed when a page module moved), so the file is recognised by what it
   * holds, not by its name.
   */
  marker: string;
  why: string;
}

/** The warnings that stay, with the reason. Anything else fails the lint. */
export const KNOWN_WARNINGS: readonly KnownWarning[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    marker: 'importScripts',
    why: "@mediapipe/tasks-vision's loader calls import(url) only inside workers without importScripts; on extension pages it loads the bundled loader with a <script> tag, and the CSP allows only 'self' scripts.",
  },
  {
    code: 'DANGEROUS_EVAL',
    marker: 'jitless',
    why: "zod 4 probes with Function('') whether it may compile validators; the CSP has no 'unsafe-eval', so the probe throws and zod validates without eval.",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    marker: 'dangerouslySetInnerHTML',
    why: "Preact's innerHTML path for dangerouslySetInnerHTML, which no Selfview component uses (checked by `grep -r dangerouslySetInnerHTML components lib`).",
  },
];

/** The messages that fail the lint: all errors, and warnings not in `known`; `read` gives a built file's text. */
export function lintFailures(report: LintReport, read: (file: string) => string, known: readonly KnownWarning[] = KNOWN_WARNINGS): LintMessage[] {
  const allowed = (w: LintMessage): boolean => known.some((k) => k.code === w.code && !!w.file && read(w.file).includes(k.marker));
  return [...report.errors, ...report.warnings.filter((w) => !allowed(w))];
}
