/**
 * `npx tsx scripts/experiment-fusion.ts [--seeds N] [--reuse]`: can a small appearance model on the
 * face crop (face-api's expression net), fused with MediaPipe's mouthSmile, beat the best peer's
 * smile AUC on the London pairs *without calibration*, and what does it cost per call-size frame?
 *
 * Candidates are scored by pooled out-of-fold AUC from 10 seeded person folds, with every choice
 * (features, transform, λ, even which candidate) made inside each fold (lib/analysis/fusion.ts).
 * Needs /tmp/research/london.json (MediaPipe, view 0 = the untouched photo). Runs face-api in
 * Chromium (loopback-only server), or with --reuse takes its scores from the last /tmp/fusion-result.json.
 * Prints a table; writes /tmp/fusion-result.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { aucByGroup, nestedCv, pairedAucDiff, type Candidate, type FusionConfig, type FusionRow } from '../lib/analysis/fusion';
import { hasLabel, parseLabels } from '../lib/analysis/groups-labels';
import { collectFusionData, type FusionData } from './support/accuracy/fusion-data';
import { QUIET_FLAGS } from './support/browser';
import { CHROMIUM, FACES, ROOT } from './support/paths';
import type { NormBox } from './support/peers/expression-crop';
import { startPeerServer } from './support/peers/server';
import { blockedRequests } from './support/peers/stacks';

const OUT = '/tmp/fusion-result.json';
const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const SEEDS = Array.from({ length: Number(arg('--seeds') ?? 5) }, (_, i) => 20240601 + i);
const ENLARGE = [1.2, 1.0, 1.4]; // 1.2 is the experiment's crop; the others only show how much the crop matters
const LAMBDAS = [3, 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001]; // most shrinkage first: a tie goes to the simpler fit
const BAR = 0.961, BAR_MS = 5, MIN_GROUP = 5;
const log = (s: string): void => console.error(`[fusion] ${s}`);

// --- Photos, labels, MediaPipe features --------------------------------------------------------------
type View = { faces: { blendshapes: Record<string, number>; box: NormBox; geometry: Record<string, number> }[] };
const mp = JSON.parse(readFileSync('/tmp/research/london.json', 'utf8')) as Record<string, View[]>;
const labels = parseLabels(readFileSync(resolve(FACES, 'labels.tsv'), 'utf8')).filter((r) => r.file.startsWith('A/london/') && /\.jpe?g$/i.test(r.file));
const photos = labels.filter((r) => hasLabel(r, 'smile') || hasLabel(r, 'neutral')).map((r) => {
  const face = mp[r.file]?.[0]?.faces[0];
  if (!face) throw new Error(`${r.file}: no MediaPipe face in view 0 of london.json`);
  const { ethnicity, gender } = r.demographic;
  const groups: Record<string, string> = { ...(ethnicity ? { ethnicity } : {}), ...(gender ? { gender } : {}) };
  return { file: r.file, person: r.person, label: (hasLabel(r, 'smile') ? 1 : 0) as 0 | 1, groups, face };
});
log(`${photos.length} photos of ${new Set(photos.map((p) => p.person)).size} persons`);

// --- face-api (browser) -------------------------------------------------------------------------------
let data: FusionData;
if (process.argv.includes('--reuse') && existsSync(OUT)) data = (JSON.parse(readFileSync(OUT, 'utf8')) as { browser: FusionData }).browser;
else {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET_FLAGS });
  const server = await startPeerServer();
  try {
    data = await collectFusionData(await browser.newContext(), server, photos.map((p) => ({ file: p.file, box: p.face.box })), { enlarge: ENLARGE, log });
  } finally {
    await server.close();
    await browser.close();
  }
  if (blockedRequests.length || server.missing.length) throw new Error(`off-loopback or missing requests: ${[...blockedRequests, ...server.missing].join(', ')}`);
}
const recorded = JSON.parse(readFileSync(resolve(ROOT, 'bench/results/accuracy.json'), 'utf8')) as { perImage: Record<string, { 'face-api'?: { smile?: number }; selfview?: { smile?: number } }> };
// A photo without a face scores 0 in the bench (no smile seen); the same here.
const drift = Math.max(...photos.map((p) => Math.abs((data.perFile[p.file]!.whole ?? 0) - (recorded.perImage[p.file]?.['face-api']?.smile ?? 0))));

// --- Feature rows -------------------------------------------------------------------------------------
const logit = (p: number): number => { const q = Math.min(1 - 1e-6, Math.max(1e-6, p)); return Math.log(q / (1 - q)); };
// All 52 blendshapes and the 5 geometry ratios (mouthWidth, cornerLift, lipGap, eyeOpen, browHeight).
const ALL = [...Object.keys(photos[0]!.face.blendshapes).sort().map((k) => `bs.${k}`), ...Object.keys(photos[0]!.face.geometry).sort().map((k) => `geo.${k}`)];
const rows: FusionRow[] = photos.map((p) => {
  const b = p.face.blendshapes, d = data.perFile[p.file]!;
  const f: Record<string, number> = {
    mouthSmile: (b.mouthSmileLeft! + b.mouthSmileRight!) / 2,
    peer: d.whole ?? 0, // no face found: no smile seen, as the bench scores it
    bench: recorded.perImage[p.file]?.selfview?.smile ?? 0, // Selfview's smile as the last accuracy run recorded it
  };
  for (const e of ENLARGE) f[`crop${e}`] = d.crop[String(e)]!;
  for (const k of ['mouthSmile', 'peer', ...ENLARGE.map((e) => `crop${e}`)]) f[`logit.${k}`] = logit(f[k]!);
  for (const [k, v] of [...Object.entries(b).map(([k, v]) => [`bs.${k}`, v] as const), ...Object.entries(p.face.geometry).map(([k, v]) => [`geo.${k}`, v] as const)]) f[k] = v;
  return { person: p.person, file: p.file, label: p.label, groups: p.groups, features: f };
});

// --- Candidates ---------------------------------------------------------------------------------------
const grid = (id: string, features: string[]): FusionConfig[] => LAMBDAS.map((lambda) => ({ id: `${id} λ=${lambda}`, features, lambda }));
const raw = (id: string, feature: string): Candidate => ({ name: id, configs: [{ id, features: [feature], lambda: null }] });
const fusions = (app: string, extra: string[] = []): FusionConfig[] =>
  ['', 'logit.'].flatMap((ms) => ['', 'logit.'].flatMap((ap) => grid(`${ms || 'raw.'}mouthSmile+${ap || 'raw.'}${app}${extra.length ? '+blendshapes' : ''}`, [`${ms}mouthSmile`, `${ap}${app}`, ...extra])));
const candidates: Candidate[] = [
  raw('(a) mouthSmile mean, no fitting', 'mouthSmile'),
  { name: '(b) L2-LR, 52 blendshapes + 5 geometry', configs: grid('bs+geo', ALL) },
  { name: '(c) mouthSmile + face-api (whole photo)', configs: fusions('peer') },
  { name: "(c') mouthSmile + expr. net on MP crop", configs: fusions('crop1.2') },
  { name: '(d) (c) + blendshapes if it helps', configs: [...fusions('peer'), ...fusions('peer', ALL)] },
  { name: "(d') (c') + blendshapes if it helps", configs: [...fusions('crop1.2'), ...fusions('crop1.2', ALL)] },
  { name: "(e) any of a–b–c'–d' (shippable), chosen in loop", configs: [...grid('mouthSmile', ['mouthSmile']), ...grid('bs+geo', ALL), ...fusions('crop1.2'), ...fusions('crop1.2', ALL)] },
  raw('ref: face-api whole photo alone (the bar)', 'peer'),
  raw('ref: Selfview smile as in accuracy.json', 'bench'),
  ...ENLARGE.map((e) => raw(`ref: expr. net on crop ×${e} alone`, `crop${e}`)),
];

// --- Nested CV over seeds -----------------------------------------------------------------------------
const persons = [...new Set(rows.map((r) => r.person))];
const runsOf = candidates.map((c) => {
  const t0 = Date.now();
  const runs = SEEDS.map((seed) => nestedCv(rows, c, { k: 10, innerK: 5, seed }));
  log(`${c.name}: ${(runs.reduce((s, r) => s + r.auc, 0) / runs.length).toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return runs;
});
const barScores = new Map(rows.map((r) => [r.file, r.features.peer!]));
const bScores = runsOf[1]![0]!.scores; // (b): what the blendshapes give without any appearance model
const results = candidates.map((c, ci) => {
  const runs = runsOf[ci]!, aucs = runs.map((r) => r.auc);
  const groupMean = (attr: string) => aucByGroup(rows, runs[0]!.scores, attr).map((g) => ({ ...g, auc: runs.reduce((s, r) => s + aucByGroup(rows, r.scores, attr).find((x) => x.group === g.group)!.auc, 0) / runs.length }));
  const ethnicity = groupMean('ethnicity'), gender = groupMean('gender');
  const chosen = new Map<string, number>();
  for (const id of runs.flatMap((r) => r.chosen)) chosen.set(id, (chosen.get(id) ?? 0) + 1);
  return {
    name: c.name, aucMean: aucs.reduce((a, b) => a + b, 0) / aucs.length, aucMin: Math.min(...aucs), aucMax: Math.max(...aucs), aucs,
    ethnicity, gender, worst: ethnicity.filter((g) => g.persons >= MIN_GROUP).sort((a, b) => a.auc - b.auc)[0]!,
    // On the first seed's out-of-fold scores.
    diffVsBar: pairedAucDiff(rows, runs[0]!.scores, barScores), diffVsB: pairedAucDiff(rows, runs[0]!.scores, bScores),
    chosen: [...chosen].sort((a, b) => b[1] - a[1]),
  };
});

// --- Report -------------------------------------------------------------------------------------------
const f3 = (v: number): string => v.toFixed(3);
const perf = JSON.parse(readFileSync(resolve(ROOT, 'bench/results/perf.json'), 'utf8')) as { perFrame: { frameSide: number; ms: { detect: number; bareDetect: number } } };
const t = data.timing;
console.log(`\nLondon pairs: ${persons.length} persons, ${rows.length} photos; ${SEEDS.length} seeds × 10 person folds (inner 5); face-api rerun vs accuracy.json: max |Δ| ${drift.toFixed(4)}\n`);
console.log('| candidate | OOF AUC mean [min–max] | worst ethnicity (n) | male | female | Δ vs face-api, 95% CI | Δ vs (b), 95% CI | most chosen (of folds × seeds) |');
console.log('|---|---|---|---|---|---|---|---|');
const ci = (d: { estimate: number; lo: number; hi: number }): string => `${d.estimate >= 0 ? '+' : ''}${f3(d.estimate)} [${f3(d.lo)}, ${f3(d.hi)}]`;
for (const r of results) {
  const g = (name: string) => r.gender.find((x) => x.group === name);
  console.log(`| ${r.name} | ${f3(r.aucMean)} [${f3(r.aucMin)}–${f3(r.aucMax)}] | ${r.worst.group} ${f3(r.worst.auc)} (${r.worst.persons}) | ${f3(g('male')?.auc ?? NaN)} (${g('male')?.persons}) | ${f3(g('female')?.auc ?? NaN)} (${g('female')?.persons}) | ${ci(r.diffVsBar)} | ${ci(r.diffVsB)} | ${r.chosen[0]![0]} (${r.chosen[0]![1]}/${r.aucs.length * 10}) |`);
}
console.log(`\nExpression net on the MediaPipe crop (${t.backend}, SIMD ${t.simd}, threads ${t.threads}, crossOriginIsolated ${t.crossOriginIsolated}; ${t.calls} calls after ${t.warmup} warm-up, ${t.frameSide}-px frames):`);
const ms = (x: { median: number; p90: number } | null): string => (x ? `median ${x.median} ms, p90 ${x.p90} ms` : 'not run');
console.log(`  face-api predictExpressions(crop canvas): ${ms(t.netMs)}; + crop cut: ${ms(t.totalMs)}\n  lean path (getImageData → tensor → net): ${ms(t.leanMs)}; net on a ready tensor: ${ms(t.tensorMs)}`);
console.log(`  MediaPipe detect on the same frames, same page: ${ms(t.mediapipeMs)} (bench/results/perf.json, ${perf.perFrame.frameSide}-px call frames: ${perf.perFrame.ms.detect} ms, bare ${perf.perFrame.ms.bareDetect} ms)`);
console.log(`  load average ${t.loadAverage.before.toFixed(2)} → ${t.loadAverage.after.toFixed(2)} on ${cpus().length} cores`);
// The honest number of "fuse the net" is the whole procedure (e), every choice inside the loop.
const find = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
const e = find('(e)'), bOnly = find('(b)'), cNet = find("(c')");
const netFolds = e.chosen.filter(([id]) => id.includes('crop')).reduce((n, [, k]) => n + k, 0);
const netMs = Math.min(t.netMs.median, t.leanMs.median);
const ship = e.aucMean > BAR && netMs <= BAR_MS && netFolds > 0;
console.log(`\nVerdict: (c') ${f3(cNet.aucMean)}, (e) whole choice ${f3(e.aucMean)} (net used in ${netFolds}/${e.aucs.length * 10} folds), (b) no net ${f3(bOnly.aucMean)}; bar ${BAR}`);
console.log(`  net per call ${netMs} ms (best of face-api and lean path medians) vs ${BAR_MS} ms → ${ship ? 'SHIP' : 'do not ship the net'}`);
writeFileSync(OUT, `${JSON.stringify({ seeds: SEEDS, lambdas: LAMBDAS, bar: BAR, drift, results, browser: data, mediapipeDetectMs: perf.perFrame }, null, 1)}\n`);
log(`wrote ${OUT}`);
