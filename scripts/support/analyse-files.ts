/**
 * Drives the built extension's analysis page: one browser for all files, one file at a time, rows
 * yielded as they come. Used by the analyze CLI, the fixture recorder, the accuracy bench and the
 * E2E tests.
 */
import type { Page } from 'playwright-core';
import type { AnalysisRow, ErrorRow } from '../../lib/analysis/rows';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { requireBuilt } from './paths';

/** A row with the absolute path of its file and the time the page took for the whole file. */
export type PathRow = (AnalysisRow | ErrorRow) & { path: string; ms: number };

/** One file to analyse (absolute path), optionally on the scale of a baseline file (absolute path). */
export interface AnalysisJob {
  path: string;
  baseline?: string;
}

/** Options of an analysis run. */
export interface AnalyseOptions {
  observations?: boolean;
}

/** The analysis page open in a browser with the extension, with every file of the run chosen. */
export interface AnalysisSession {
  browser: ExtensionBrowser;
  /** Rows of one job (its path and baseline must be among the session's files). */
  analyse(job: AnalysisJob, opts?: AnalyseOptions): Promise<PathRow[]>;
  close(): Promise<void>;
}

/** The analysis page with the files of a run chosen, and the index of each file in its input. */
export interface AnalysisPage {
  browser: ExtensionBrowser;
  page: Page;
  index(path: string): number;
}

/**
 * Opens the analysis page with `paths` (absolute) in its file input, once `hook` (the page's
 * `window.selfviewAnalyse` or `window.selfviewResearch`) is installed. Closes the browser if it fails.
 */
export async function openAnalysisPage(paths: string[], hook: 'selfviewAnalyse' | 'selfviewResearch'): Promise<AnalysisPage> {
  requireBuilt();
  const files = [...new Set(paths)];
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.url('analysis.html'));
    await page.waitForFunction((h) => typeof window[h] === 'function', hook);
    await page.setInputFiles('#files', files);
    const index = (p: string): number => {
      const i = files.indexOf(p);
      if (i < 0) throw new Error(`${p} was not given to the analysis page.`);
      return i;
    };
    return { browser, page, index };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Opens the analysis page with `paths` (absolute; baselines included) in its file input. */
export async function openAnalysis(paths: string[]): Promise<AnalysisSession> {
  const { browser, page, index } = await openAnalysisPage(paths, 'selfviewAnalyse');
  return {
    browser,
    async analyse(job, opts = {}) {
      const arg = { n: index(job.path), o: { observations: !!opts.observations, ...(job.baseline ? { baseline: index(job.baseline) } : {}) } };
      // Timed inside the page: decode, engine round trip and cue maths, without the CDP hop.
      const { rows, ms } = await page.evaluate(async ({ n, o }) => {
        const t0 = performance.now();
        const rows = await window.selfviewAnalyse!(n, o);
        return { rows, ms: performance.now() - t0 };
      }, arg);
      return rows.map((row) => ({ ...row, path: job.path, ms }));
    },
    close: () => browser.close(),
  };
}

/** Analyses `paths` (absolute) in order, each on the scale of `opts.baseline` (absolute) when given. */
export async function* analyseInBrowser(paths: string[], opts: AnalyseOptions & { baseline?: string } = {}): AsyncGenerator<PathRow> {
  if (!paths.length) return;
  const session = await openAnalysis(opts.baseline ? [...paths, opts.baseline] : paths);
  try {
    for (const path of paths) yield* await session.analyse({ path, baseline: opts.baseline }, opts);
  } finally {
    await session.close();
  }
}
