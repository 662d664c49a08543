/**
 * Drives the analysis page's research recorder (`lib/analysis/research`): photos under known
 * transforms and every frame of a clip, through the same model files as the engine. Used by the
 * accuracy bench and by `scripts/record-research.ts` (which writes the compact fixtures).
 */
import type { ResearchItem, Transform } from '../../lib/analysis/research';
import { openAnalysisPage } from './analyse-files';
import type { ExtensionBrowser } from './browser';

/** The analysis page with a set of files chosen, ready to record. */
export interface ResearchSession {
  browser: ExtensionBrowser;
  photo(path: string, transforms: Transform[]): Promise<ResearchItem[]>;
  clip(path: string, fps: number): Promise<ResearchItem[]>;
  close(): Promise<void>;
}

/** Opens the analysis page with `paths` (absolute) in its file input. */
export async function openResearch(paths: string[]): Promise<ResearchSession> {
  const { browser, page, index } = await openAnalysisPage(paths, 'selfviewResearch');
  const run = (path: string, opts: { transforms?: Transform[]; video?: { fps: number } }): Promise<ResearchItem[]> =>
    page.evaluate(({ n, opts }) => window.selfviewResearch!(n, opts), { n: index(path), opts });
  return {
    browser,
    photo: (path, transforms) => run(path, { transforms }),
    clip: (path, fps) => run(path, { video: { fps } }),
    close: () => browser.close(),
  };
}
