/**
 * `npm run build && npx tsx scripts/record-research.ts [--out DIR] [--clips]`: records the research
 * numbers of the London photos and the validation clips (scripts/support/accuracy/record.ts) into
 * DIR (default /tmp/research), for the experiment scripts. `--clips`: the clips only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordResearch } from './support/accuracy/record';
import { FACES } from './support/paths';

const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]!) : '/tmp/research';
const london = process.argv.includes('--clips') ? [] : readFileSync(resolve(FACES, 'labels.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t')[0]!).filter((f) => f.startsWith('A/london/') && f.endsWith('.jpg'));
await recordResearch(OUT, london, { log: (s) => console.error(s) });
