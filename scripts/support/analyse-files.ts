/**
 * Drives the built extension's analysis page: one browser for all files, one file at a time, rows
 * yielded as they come. Used by the analyze CLI, the fixture recorder and the E2E tests.
 */
import type { AnalysisRow, ErrorRow } from '../../lib/analysis/rows';
import { launchWithExtension } from './browser';
import { requireBuilt } from './paths';

/** A row with the absolute path of its file. */
export type PathRow = (AnalysisRow | ErrorRow) & { path: string };

/** Analyses `paths` (absolute) in order. */
export async function* analyseInBrowser(paths: string[], opts: { observations?: boolean } = {}): AsyncGenerator<PathRow> {
  if (!paths.length) return;
  requireBuilt();
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.url('analysis.html'));
    await page.waitForFunction(() => typeof window.selfviewAnalyse === 'function');
    await page.setInputFiles('#files', paths);
    for (let i = 0; i < paths.length; i++) {
      const rows = await page.evaluate(([n, o]) => window.selfviewAnalyse!(n, o), [i, { observations: !!opts.observations }] as const);
      for (const row of rows) yield { ...row, path: paths[i]! };
    }
  } finally {
    await browser.close();
  }
}
