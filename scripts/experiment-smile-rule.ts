/**
 * `npx tsx scripts/experiment-smile-rule.ts [DIR]`: prints the two smile bench sections (after and
 * without calibration) from recorded research data (default /tmp/research, written by
 * scripts/record-research.ts), with face-api's scores taken from the last bench/results/accuracy.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasLabel, parseLabels } from '../lib/analysis/groups-labels';
import { loadResearch } from './support/accuracy/research-data';
import { smileCalibratedSection } from './support/accuracy/smile-calibrated';
import { fusionRows, smileUncalibratedSection } from './support/accuracy/smile-uncalibrated';
import { FACES, ROOT } from './support/paths';

const dir = process.argv[2] ?? '/tmp/research';
const labels = parseLabels(readFileSync(resolve(FACES, 'labels.tsv'), 'utf8'));
const data = loadResearch(dir, labels);
console.log(smileCalibratedSection(data.persons, data.clips, { reps: 2000, seed: 20240601 }).markdown);
const recorded = JSON.parse(readFileSync(resolve(ROOT, 'bench/results/accuracy.json'), 'utf8')) as { perImage: Record<string, { 'face-api'?: { smile: number | null } }> };
const files = new Map(data.persons.map((p) => {
  const rows = labels.filter((r) => r.person === p.person && r.file.startsWith('A/london/'));
  return [p.person, { neutral: rows.find((r) => hasLabel(r, 'neutral'))!.file, smiling: rows.find((r) => hasLabel(r, 'smile'))!.file }];
}));
console.log(smileUncalibratedSection(fusionRows(data.persons, files, (f) => recorded.perImage[f]?.['face-api']?.smile ?? null), data.clips).markdown);
