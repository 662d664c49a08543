/**
 * Batch analysis behind `npm run analyze`: the CLI puts files into the analysis page's file input
 * and calls `selfviewAnalyse(i)` for each, getting the same rows "analyse a recording" shows.
 * With `baseline: j` the rows are on the person's own scale, calibrated from the j-th file exactly
 * as the Practice page's calibration does (see `./baseline-rows`).
 */
import { analyseFile } from '../client/recording';
import type { Baseline } from '../feedback/baseline';
import { baselineFromRows, rowsWithBaseline } from './baseline-rows';
import type { AnalysisRow, ErrorRow } from './rows';

/** Options of one `selfviewAnalyse` call. */
export interface BatchOptions {
  /** Attach the frame observations to the rows (fixture recording). */
  observations?: boolean;
  /** Index (in the same file input) of a photo or clip of the person's relaxed face to calibrate with. */
  baseline?: number;
}

declare global {
  interface Window {
    /** Analyses the i-th chosen file; never throws (failures come back as an `ErrorRow`). */
    selfviewAnalyse?: (i: number, opts?: BatchOptions) => Promise<(AnalysisRow | ErrorRow)[]>;
  }
}

/** Installs `window.selfviewAnalyse` for the files of `input`. */
export function exposeBatchAnalysis(input: HTMLInputElement): void {
  // A bench calibrates many files against one neutral photo: compute each baseline once.
  const baselines = new Map<number, Promise<Baseline>>();
  const baselineOf = (j: number): Promise<Baseline> => {
    let b = baselines.get(j);
    if (!b) {
      const file = input.files?.[j];
      b = file ? analyseFile(file, { observations: true }).then((rows) => baselineFromRows(file.name, rows)) : Promise.reject(new Error(`No baseline file #${j} was given.`));
      baselines.set(j, b);
    }
    return b;
  };
  window.selfviewAnalyse = async (i, opts = {}) => {
    const file = input.files?.[i];
    if (!file) return [{ file: `#${i}`, error: 'No such file was given.' }];
    try {
      if (opts.baseline === undefined) return await analyseFile(file, { observations: opts.observations === true });
      const baseline = await baselineOf(opts.baseline);
      // The observations are needed to redo the cue maths on the baseline's scale; drop them unless asked for.
      const rows = rowsWithBaseline(await analyseFile(file, { observations: true }), baseline);
      return opts.observations ? rows : rows.map(({ observations: _o, ...r }) => r);
    } catch (err) {
      return [{ file: file.name, error: err instanceof Error ? err.message : String(err) }];
    }
  };
}
