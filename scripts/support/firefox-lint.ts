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
  /** Built file it may appear in (WXT adds a content hash to chunk names). */
  file: RegExp;
  why: string;
}

/** The warnings that stay, with the reason. Anything else fails the lint. */
export const KNOWN_WARNINGS: readonly KnownWarning[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(background\.js|chunks\/analysis-[\w-]+\.js)$/,
    why: "@mediapipe/tasks-vision's loader calls import(url) only inside workers without importScripts; on extension pages it loads the bundled loader with a <script> tag, and the CSP allows only 'self' scripts.",
  },
  {
    code: 'DANGEROUS_EVAL',
    file: /^chunks\/history-[\w-]+\.js$/,
    why: "zod 4 probes with Function('') whether it may compile validators; the CSP has no 'unsafe-eval', so the probe throws and zod validates without eval.",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/theme-[\w-]+\.js$/,
    why: "Preact's innerHTML path for dangerouslySetInnerHTML, which no Selfview component uses (checked by `grep -r dangerouslySetInnerHTML components lib`).",
  },
];

/** The messages that fail the lint: all errors, and warnings not in `known`. */
export function lintFailures(report: LintReport, known: readonly KnownWarning[] = KNOWN_WARNINGS): LintMessage[] {
  const allowed = (w: LintMessage): boolean => known.some((k) => k.code === w.code && !!w.file && k.file.test(w.file));
  return [...report.errors, ...report.warnings.filter((w) => !allowed(w))];
}
