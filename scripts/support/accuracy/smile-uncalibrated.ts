/**
 * Bench section "Smile without calibration": can the blendshapes alone beat the best peer? Nested
 * person-level cross-validation (lib/analysis/fusion) of (a) the shipped score, bare mean(mouthSmile),
 * and (b) an L2 logistic regression over all 52 blendshapes and the 5 shape ratios, λ chosen inside
 * each fold — against face-api's smiling probability measured in the same bench run.
 *
 * The appearance-model candidates (face-api's expression net on MediaPipe's crop, fused) need the
 * net in the browser and are measured by `npx tsx scripts/experiment-fusion.ts`; their figures and
 * cost are in docs/accuracy.md, and they are not shipped (over the 5 ms budget).
 */
import { aucByGroup, nestedCv, pairedAucDiff, type Candidate, type FusionRow } from '../../../lib/analysis/fusion';
import type { LondonPerson } from './smile-calibrated';

const LAMBDAS = [3, 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001]; // most shrinkage first: a tie goes to the simpler fit
const SEEDS = [20240601, 20240602, 20240603];
/** Groups smaller than this are tabled but not named the worst. */
const MIN_GROUP = 7;

/** Feature rows of the untouched photos (view 0); `peer` maps a photo file to face-api's score. */
export function fusionRows(persons: readonly LondonPerson[], files: ReadonlyMap<string, { neutral: string; smiling: string }>, peer: (file: string) => number | null): FusionRow[] {
  return persons.flatMap((p) => (['neutral', 'smiling'] as const).flatMap((kind) => {
    const face = p[kind][0]?.faces[0];
    if (!face) return [];
    const b = face.blendshapes, file = files.get(p.person)![kind];
    const features: Record<string, number> = { mouthSmile: ((b.mouthSmileLeft ?? 0) + (b.mouthSmileRight ?? 0)) / 2, peer: peer(file) ?? 0 };
    for (const [k, v] of Object.entries(b)) features[`bs.${k}`] = v;
    for (const [k, v] of Object.entries(face.geometry ?? {})) features[`geo.${k}`] = v;
    return [{ person: p.person, file, label: kind === 'smiling' ? 1 : 0, groups: p.groups, features } satisfies FusionRow];
  }));
}

/** Runs the candidates and returns JSON and the markdown section. */
export function smileUncalibratedSection(rows: readonly FusionRow[]) {
  const all = Object.keys(rows[0]!.features).filter((k) => k.startsWith('bs.') || k.startsWith('geo.')).sort();
  const candidates: Candidate[] = [
    { name: '(a) shipped: mean(mouthSmile L,R), nothing fitted', configs: [{ id: 'mouthSmile', features: ['mouthSmile'], lambda: null }] },
    { name: '(b) L2 logistic regression, 52 blendshapes + 5 shape ratios', configs: LAMBDAS.map((lambda) => ({ id: `λ=${lambda}`, features: all, lambda })) },
    { name: 'bar: face-api, same run', configs: [{ id: 'face-api', features: ['peer'], lambda: null }] },
  ];
  const bar = new Map(rows.map((r) => [r.file, r.features.peer!]));
  const results = candidates.map((c) => {
    const runs = SEEDS.map((seed) => nestedCv(rows, c, { k: 10, innerK: 5, seed }));
    const aucs = runs.map((r) => r.auc);
    const worstOf = (attr: string) => aucByGroup(rows, runs[0]!.scores, attr).filter((g) => g.persons >= MIN_GROUP).sort((a, b) => a.auc - b.auc)[0] ?? null;
    return {
      name: c.name, aucMean: aucs.reduce((a, b) => a + b, 0) / aucs.length, aucMin: Math.min(...aucs), aucMax: Math.max(...aucs),
      ethnicity: aucByGroup(rows, runs[0]!.scores, 'ethnicity'), gender: aucByGroup(rows, runs[0]!.scores, 'gender'),
      worstEthnicity: worstOf('ethnicity'), vsBar: pairedAucDiff(rows, runs[0]!.scores, bar),
    };
  });
  const json = { persons: new Set(rows.map((r) => r.person)).size, photos: rows.length, seeds: SEEDS, minGroup: MIN_GROUP, results };
  const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');
  const g = (r: (typeof results)[number], name: string): string => { const x = r.gender.find((y) => y.group === name); return x ? `${f3(x.auc)} (${x.persons})` : '–'; };
  const markdown = [
    '### Smile without calibration (can the blendshapes beat the best peer?)',
    '',
    `Out-of-fold AUC, ${json.persons} London pairs, 10 person folds (λ chosen by 5 inner person folds inside each), mean of ${SEEDS.length} seeds [min–max]; groups and Δ on the first seed (Δ: paired person bootstrap, 95% CI). Worst group among ethnicities with ≥ ${MIN_GROUP} people.`,
    '',
    '| score | AUC mean [min–max] | worst ethnicity (n) | men (n) | women (n) | Δ vs face-api [95% CI] |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${f3(r.aucMean)} [${f3(r.aucMin)}–${f3(r.aucMax)}] | ${r.worstEthnicity ? `${r.worstEthnicity.group} ${f3(r.worstEthnicity.auc)} (${r.worstEthnicity.persons})` : '–'} | ${g(r, 'male')} | ${g(r, 'female')} | ${r.name.startsWith('bar') ? '–' : `${f3(r.vsBar.estimate)} [${f3(r.vsBar.lo)}, ${f3(r.vsBar.hi)}]`} |`),
    '',
  ].join('\n');
  return { json, markdown };
}
