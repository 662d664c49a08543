/**
 * `npm run bench:history`: the history page with 1,000 sessions in the built extension, of which
 * 50 also have 30 min of stored seconds (what is measured and how: scripts/support/perf/history.ts,
 * which `npm run bench:perf` also uses). Measures and reports; never fails on a slow machine.
 */
import { launchWithExtension } from './support/browser';
import { requireBuilt } from './support/paths';
import { runHistoryBench } from './support/perf/history';
import { round } from './support/perf/stats';

requireBuilt();
const b = await launchWithExtension();
try {
  const result = await runHistoryBench(b, { sessions: 1000, withSeconds: 50, secondsEach: 1800 });
  console.log(JSON.stringify(result));
  const mb = (v: number) => `${round(v / 1e6, 2)} MB`;
  console.table({
    'list render (nav → rows), median of 5': `${result.listRenderMs.median} ms`,
    'JS heap after render': `${result.jsHeapUsedMB} MB`,
    'export everything (JSON)': `${result.exportAllMs} ms, ${mb(result.exportBytes)}`,
    'import into empty DB': `${result.importMs} ms`,
    'IndexedDB per hour of session': mb(result.storageBytesPerHour.median),
    'JSON export per hour of session': mb(result.jsonBytesPerHour),
  });
} finally {
  await b.close();
}
