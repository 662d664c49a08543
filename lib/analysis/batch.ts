/**
 * Batch analysis behind `npm run analyze`: the CLI puts files into the analysis page's file input
 * and calls `selfviewAnalyse(i)` for each, getting the same rows "analyse a recording" shows.
 */
import { analyseFile } from '../client/recording';
import type { AnalysisRow, ErrorRow } from './rows';

declare global {
  interface Window {
    /** Analyses the i-th chosen file; never throws (failures come back as an `ErrorRow`). */
    selfviewAnalyse?: (i: number, opts?: { observations?: boolean }) => Promise<(AnalysisRow | ErrorRow)[]>;
  }
}

/** Installs `window.selfviewAnalyse` for the files of `input`. */
export function exposeBatchAnalysis(input: HTMLInputElement): void {
  window.selfviewAnalyse = async (i, opts = {}) => {
    const file = input.files?.[i];
    if (!file) return [{ file: `#${i}`, error: 'No such file was given.' }];
    try {
      return await analyseFile(file, { observations: opts.observations === true });
    } catch (err) {
      return [{ file: file.name, error: err instanceof Error ? err.message : String(err) }];
    }
  };
}
