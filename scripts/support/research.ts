/**
 * Drives the analysis page's research recorder (`lib/analysis/research`): photos under known
 * transforms and every frame of a clip, through the same model files as the engine. Used by the
 * accuracy bench and by `scripts/record-research.ts` (which writes the compact fixtures).
 */
import type { ResearchItem, Transform } from '../../lib/analysis/research';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { requireBuilt } from './paths';

/** The analysis page with a set of files chosen, ready to record. */
export interface ResearchSession {
  browser: ExtensionBrowser;
  photo(path: string, transforms: Transform[]): Promise<ResearchItem[]>;
  clip(path: string, fps: number): Promise<ResearchItem[]>;
  close(): Promise<void>;
}

/** Opens the analysis page with `paths` (absolute) in its file input. */
export async function openResearch(paths: string[]): Promise<ResearchSession> {
  requireBuilt();
  const files = [...new Set(paths)];
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.url('analysis.html'));
    await page.waitForFunction(() => typeof window.selfviewResearch === 'function');
    await page.setInputFiles('#files', files);
    const run = (path: string, opts: { transforms?: Transform[]; video?: { fps: number } }): Promise<ResearchItem[]> => {
      const n = files.indexOf(path);
      if (n < 0) throw new Error(`${path} was not given to the research session.`);
      return page.evaluate(({ n, opts }) => window.selfviewResearch!(n, opts), { n, opts });
    };
    return {
      browser,
      photo: (path, transforms) => run(path, { transforms }),
      clip: (path, fps) => run(path, { video: { fps } }),
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
