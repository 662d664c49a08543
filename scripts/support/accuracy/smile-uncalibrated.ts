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
import { aucByGroup, chooseConfig, fitConfig, nestedCv, pairedAucDiff, type Candidate, type FusionRow } from '../../../lib/analysis/fusion';
import type { ResearchItem } from '../../../lib/analysis/research';
import { ABOVE_THRESHOLD } from '../../../lib/cues/aggregate';
import type { LabelledClip, LondonPerson } from './smile-calibrated';

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

/** The features of one research face, named as in `fusionRows`. */
function featuresOf(face: ResearchItem['faces'][number]): Record<string, number> {
  const b = face.blendshapes, f: Record<string, number> = { mouthSmile: ((b.mouthSmileLeft ?? 0) + (b.mouthSmileRight ?? 0)) / 2 };
  for (const [k, v] of Object.entries(b)) f[`bs.${k}`] = v;
  for (const [k, v] of Object.entries(face.geometry ?? {})) f[`geo.${k}`] = v;
  return f;
}

/**
 * A score fitted on all the photos, judged on the talking clips: per labelled second, "smile" when
 * most frames score above `line`. Photos are posed and still; this is the check that a score learnt
 * from them still reads smiles in speech.
 */
function onClips(clips: readonly LabelledClip[], score: (f: Record<string, number>) => number, line: number) {
  let agree = 0, n = 0, falsePos = 0, neg = 0, truePos = 0, pos = 0;
  for (const c of clips) for (const [s, word] of c.labels.seconds.smile) {
    const frames = c.frames.slice(Math.ceil(s * c.fps), Math.ceil((s + 1) * c.fps)).flatMap((i) => (i.faces[0] ? [i.faces[0]] : []));
    const predicted = frames.length > 0 && frames.filter((f) => score(featuresOf(f)) > line).length > frames.length / 2;
    const truth = word === 'yes';
    n++; if (predicted === truth) agree++;
    if (truth) { pos++; if (predicted) truePos++; } else { neg++; if (predicted) falsePos++; }
  }
  return { seconds: n, agreement: agree / n, falseSmileRate: falsePos / neg, recall: truePos / pos, smilingSeconds: pos };
}

/** Runs the candidates and returns JSON and the markdown section. */
export function smileUncalibratedSection(rows: readonly FusionRow[], clips: readonly LabelledClip[] = []) {
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
  // Fitted once on every photo (λ by inner person-CV, as in each fold), then read on the clips; the
  // shipped score at its line, the fitted one at probability ½ (log-odds 0).
  const fitted = fitConfig(chooseConfig(candidates[1]!, rows, 5, SEEDS[0]!).config, rows);
  const wrap = (f: Record<string, number>): FusionRow => ({ person: '', file: '', label: 0, groups: {}, features: f });
  const clipCheck = clips.length ? {
    shipped: onClips(clips, (f) => f.mouthSmile!, ABOVE_THRESHOLD.smile),
    logistic: onClips(clips, (f) => fitted(wrap(f)), 0),
  } : null;
  const json = { persons: new Set(rows.map((r) => r.person)).size, photos: rows.length, seeds: SEEDS, minGroup: MIN_GROUP, results, clipCheck };
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
    ...(clipCheck ? [
      `**Does it hold in speech?** Both scores on the labelled seconds of the talking clips (${clipCheck.shipped.seconds} s, ${clipCheck.shipped.smilingSeconds} smiling; a second is a smile when most frames clear the line): (a) at its line ${ABOVE_THRESHOLD.smile}, (b) fitted on all photos, at probability ½.`,
      '',
      '| score | agreement | false-smile rate | recall of smiling seconds |',
      '| --- | --- | --- | --- |',
      `| (a) shipped | ${f3(clipCheck.shipped.agreement)} | ${f3(clipCheck.shipped.falseSmileRate)} | ${f3(clipCheck.shipped.recall)} |`,
      `| (b) logistic regression | ${f3(clipCheck.logistic.agreement)} | ${f3(clipCheck.logistic.falseSmileRate)} | ${f3(clipCheck.logistic.recall)} |`,
      '',
      clipCheck.logistic.agreement < clipCheck.shipped.agreement
        ? 'Not shipped: (b) learns posed studio smiles; in speech it misses smiles that the bare score catches, so its photo AUC does not carry over to calls. After a calibration (the section above) the person-relative rule reaches the accuracy target instead.'
        : '(b) holds in speech on these clips as well as the shipped score: a candidate to ship (it needs all 52 blendshapes in the engine).',
      '',
    ] : []),
  ].join('\n');
  return { json, markdown };
}
