/**
 * `npm run bench:accuracy [-- --short]`: how well Selfview's cues match the labels of the shared face
 * material, next to two peer stacks, in one run of one Chromium.
 *
 * - Selfview runs as `npm run analyze` does (the built extension's analysis page), without and with
 *   each person's neutral photo as the personal baseline (`analyze --baseline`).
 * - human and face-api run in a page of the same browser, served from a loopback-only server (see
 *   scripts/support/peers), on the tfjs WASM backend.
 * - Writes bench/results/accuracy.json and accuracy.md. It measures and reports; it fails only on a
 *   broken run (a stack that cannot load, a request off loopback), never on a low number.
 *
 * - Then the research half (scripts/support/accuracy): all 52 blendshapes of the London photos under
 *   known camera changes and rotations, and every frame of the labelled validation clips
 *   (test/validation), feeding the sections on smile after and without calibration, blinks and the
 *   other cues against labelled truth. `--research DIR` reuses a recording in DIR (else it records
 *   into a temp folder). A full run also rewrites lib/cues/measured.json, the figures the product shows.
 *
 * Short mode (CI): the first 20 London pairs for every stack, plus the detection material for Selfview.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ABOVE_THRESHOLD } from '../lib/cues/aggregate';
import { CUE_NAMES, type CueName, type FaceCues, type FrameCues } from '../lib/cues/types';
import { computeBaseline, isBaseline, normalise } from '../lib/feedback/baseline';
import { groupTable, largestGap, metrics, type GroupRow, type Gap, type Metrics, type PersonScores } from '../lib/analysis/groups';
import { hasLabel, hasLabelPrefix, parseLabels, type LabelRow } from '../lib/analysis/groups-labels';
import { renderReport, type AccuracyReport, type CueTable, type DetectionTable, type StackTiming } from '../lib/analysis/groups-report';
import type { AnalysisRow } from '../lib/analysis/rows';
import { rocAuc } from '../lib/analysis/roc';
import { openAnalysis } from './support/analyse-files';
import { FACES, ROOT, requireBuilt } from './support/paths';
import { startPeerServer } from './support/peers/server';
import { blockedRequests, openPeer, PEER_STACKS, type PeerFace, type PeerStack } from './support/peers/stacks';
import { pickSections, replaceBlock } from './support/readme-section';
import { researchSections } from './support/accuracy/sections';
import { groupsOf } from './support/accuracy/research-data';
import { accuracyFigure, framingFigures } from './support/accuracy/measured';

const started = Date.now();
const SHORT = process.argv.includes('--short');
const SHORT_PAIRS = 20;
const REPS = 2000;
const SEED = 20240601;
/** A peer's smile class counts as "smiling" above this probability (the natural cut-off of a probability). */
const PEER_THRESHOLD = 0.5;
/** Groups smaller than this are tabled but not used for the largest gap. */
const GAP_MIN_PERSONS = 5;
const OUT = resolve(ROOT, 'bench/results');

requireBuilt({ faces: true });
const labels = parseLabels(readFileSync(resolve(FACES, 'labels.tsv'), 'utf8')).filter((r) => /\.(jpe?g|png)$/i.test(r.file));
const byFile = new Map(labels.map((r) => [r.file, r]));
const log = (s: string): void => console.error(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}`);

// --- What runs on what --------------------------------------------------------------------------

/** The London pairs: one neutral and one smiling photo per person, in person order. */
const allPairs = [...new Set(labels.filter((r) => r.file.startsWith('A/london/')).map((r) => r.person))].sort().map((person) => {
  const rows = labels.filter((r) => r.person === person && r.file.startsWith('A/london/'));
  return { person, neutral: rows.find((r) => hasLabel(r, 'neutral'))!, smiling: rows.find((r) => hasLabel(r, 'smile'))! };
});
const pairs = SHORT ? allPairs.slice(0, SHORT_PAIRS) : allPairs;
const pairFiles = pairs.flatMap((p) => [p.neutral.file, p.smiling.file]);

/** A person's calibration photo: their first plain-neutral frontal photo that is not an edited copy. */
const reference = new Map<string, string>();
for (const r of labels) {
  if (r.person && !reference.has(r.person) && hasLabel(r, 'neutral', true) && hasLabel(r, 'frontal') && !hasLabel(r, 'SYNTHETIC')) reference.set(r.person, r.file);
}

const nonLondon = labels.filter((r) => !r.file.startsWith('A/london/')).map((r) => r.file);
const selfviewFiles = SHORT ? [...pairFiles, ...nonLondon] : labels.map((r) => r.file);
const peerFiles = SHORT ? pairFiles : selfviewFiles;
const abs = (f: string): string => resolve(FACES, f);

// --- Runs -------------------------------------------------------------------------------------------

interface SelfviewResult { row: AnalysisRow | null; error?: string; ms: number }
const raw = new Map<string, SelfviewResult>();
const based = new Map<string, SelfviewResult>();
const peer: Record<PeerStack, Map<string, { faces: PeerFace[]; ms: number } | { error: string }>> = { human: new Map(), 'face-api': new Map() };
const backends: Partial<Record<PeerStack, string>> = {};

const baselineJobs = selfviewFiles.filter((f) => reference.has(byFile.get(f)!.person));
const session = await openAnalysis([...selfviewFiles, ...baselineJobs.map((f) => reference.get(byFile.get(f)!.person)!)].map(abs));
const server = await startPeerServer();
try {
  await session.analyse({ path: abs(selfviewFiles[0]!) }); // warm-up: the engine starts and loads its model on the first file
  log(`Selfview: ${selfviewFiles.length} photos without a baseline`);
  for (const f of selfviewFiles) {
    const [r] = await session.analyse({ path: abs(f) }, { observations: true });
    raw.set(f, 'error' in r! ? { row: null, error: r.error, ms: r.ms } : { row: r as AnalysisRow, ms: r!.ms });
  }
  log(`Selfview: ${baselineJobs.length} photos with the person's neutral photo as baseline`);
  for (const f of baselineJobs) {
    const [r] = await session.analyse({ path: abs(f), baseline: abs(reference.get(byFile.get(f)!.person)!) });
    based.set(f, 'error' in r! ? { row: null, error: r.error, ms: r.ms } : { row: r as AnalysisRow, ms: r!.ms });
  }
  for (const stack of PEER_STACKS) {
    log(`${stack}: loading`);
    const p = await openPeer(session.browser.context, server, stack);
    backends[stack] = p.backend;
    if (p.backend !== 'wasm') throw new Error(`${stack} runs on "${p.backend}", not the WASM backend.`);
    await p.detect(peerFiles[0]!); // warm-up: first-call kernel compilation is not a per-photo cost
    log(`${stack}: ${peerFiles.length} photos`);
    for (const [i, f] of peerFiles.entries()) {
      if (i && i % 50 === 0) log(`${stack}: ${i} of ${peerFiles.length}`);
      const r = await p.detect(f);
      peer[stack].set(f, 'error' in r ? { error: r.error } : { faces: r.faces, ms: r.ms });
    }
    await p.close();
  }
} finally {
  await server.close();
  await session.close();
}
if (blockedRequests.length) throw new Error(`Requests off loopback were attempted (and blocked): ${blockedRequests.join(', ')}`);
if (server.missing.length) throw new Error(`The peers asked for files that are not served: ${server.missing.join(', ')}`);
const broken = [...raw].filter(([, r]) => r.error).map(([f, r]) => `${f}: ${r.error}`);
if (broken.length) throw new Error(`Selfview could not analyse: ${broken.join('; ')}`);
for (const stack of PEER_STACKS) {
  const errs = [...peer[stack]].filter(([, r]) => 'error' in r).map(([f, r]) => `${f}: ${(r as { error: string }).error}`);
  if (errs.length) throw new Error(`${stack} failed on: ${errs.join('; ')}`);
}

// --- Scores -----------------------------------------------------------------------------------------

const cuesOf = (m: Map<string, SelfviewResult>, f: string): Record<CueName, number | null> | null => m.get(f)?.row?.cues ?? null;
/** The primary face of a peer: the largest. */
const primary = (faces: PeerFace[]): PeerFace | undefined => [...faces].sort((a, b) => b.area - a.area)[0];
const peerSmile = (stack: PeerStack, f: string): number | null => {
  const r = peer[stack].get(f);
  return r && 'faces' in r ? (primary(r.faces)?.smile ?? null) : null;
};

/** A frame with only a smile value, so a peer's score can go through the same baseline code as Selfview's cues. */
const smileFrame = (smile: number): FrameCues => ({
  faces: 1, quality: 1, qualityIssue: null, cues: { ...(Object.fromEntries(CUE_NAMES.map((n) => [n, 0])) as FaceCues), smile },
});
/** A peer's score on the person's scale: `computeBaseline` over a still held for the calibration, then `normalise`. */
const peerOnBaseline = (score: number, rest: number): number | null => {
  const b = computeBaseline(Array.from({ length: 100 }, () => smileFrame(rest)));
  // A neutral photo that already reads as a smile is refused as a calibration (as the extension refuses it).
  return isBaseline(b) ? normalise(smileFrame(score).cues!, b).smile : null;
};

/** Overall and per-group metrics of one stack on the London pairs. */
function smileTable(name: string, persons: PersonScores[], threshold: number, excluded: string[]) {
  const o = { reps: REPS, seed: SEED };
  const ethnicity = groupTable(name, persons, 'ethnicity', threshold, o);
  const gender = groupTable(name, persons, 'gender', threshold, o);
  const gaps: Gap[] = [];
  for (const rows of [ethnicity, gender]) for (const m of ['auc', 'accuracy'] as const) {
    const g = largestGap(rows, m, GAP_MIN_PERSONS);
    if (g) gaps.push(g);
  }
  return { overall: metrics(name, persons, threshold, o), ethnicity, gender, gaps, excluded };
}

type Scorer = (f: string) => number | null;
/** Person scores of the pairs; a photo without a face scores 0 (no smile seen), and is listed. */
function pairScores(score: Scorer, missed: string[]): PersonScores[] {
  const s = (f: string): number => {
    const v = score(f);
    if (v === null) missed.push(f);
    return v ?? 0;
  };
  return pairs.map((p) => ({ person: p.person, groups: groupsOf(p.neutral), pos: [s(p.smiling.file)], neg: [s(p.neutral.file)] }));
}

const smile: AccuracyReport['smile'] = {};
{
  const missed: string[] = [];
  smile['Selfview'] = { none: smileTable('selfview/none', pairScores((f) => cuesOf(raw, f)?.smile ?? null, missed), ABOVE_THRESHOLD.smile, missed) };
  const missedB: string[] = [];
  smile['Selfview'].baseline = smileTable('selfview/baseline', pairScores((f) => cuesOf(based, f)?.smile ?? null, missedB), ABOVE_THRESHOLD.smile, missedB);
  for (const stack of PEER_STACKS) {
    const m: string[] = [], mb: string[] = [];
    const none = smileTable(`${stack}/none`, pairScores((f) => peerSmile(stack, f), m), PEER_THRESHOLD, m);
    // With a baseline: each photo on the scale of the person's neutral photo (a neutral photo without a face gives no baseline).
    const restOf = (f: string): number | null => peerSmile(stack, pairs.find((p) => p.smiling.file === f || p.neutral.file === f)!.neutral.file);
    const baseline = smileTable(`${stack}/baseline`, pairScores((f) => {
      const v = peerSmile(stack, f), rest = restOf(f);
      return v === null || rest === null ? null : peerOnBaseline(v, rest);
    }, mb), ABOVE_THRESHOLD.smile, mb); // on the person scale the line is the smile line (person-rule)
    smile[stack] = { none, baseline };
  }
}

// --- Other cues (Selfview) ---------------------------------------------------------------------------

const expressionPhoto = (r: LabelRow): boolean =>
  !['SYNTHETIC', 'cartoon_face', 'no_face', 'multi_face', 'tiny_face', 'no_detectable_face'].some((l) => hasLabel(r, l));
const frontalNeg = (not: (r: LabelRow) => boolean) => (r: LabelRow): boolean => hasLabel(r, 'frontal') && !not(r);
interface CueTask { key: string; label: string; threshold: number; thresholdText: string; pos(r: LabelRow): boolean; neg(r: LabelRow): boolean; score(c: Record<CueName, number | null>): number | null }
const abs0 = (v: number | null): number | null => (v === null ? null : Math.abs(v));
const TASKS: CueTask[] = [
  { key: 'smileOther', label: 'smile (photos outside the London set)', threshold: ABOVE_THRESHOLD.smile, thresholdText: `smile > ${ABOVE_THRESHOLD.smile}`,
    pos: (r) => !r.file.startsWith('A/london/') && hasLabel(r, 'smile'), neg: (r) => !r.file.startsWith('A/london/') && hasLabel(r, 'neutral', true), score: (c) => c.smile },
  { key: 'mouthOpen', label: 'mouth open', threshold: ABOVE_THRESHOLD.mouthOpen, thresholdText: `mouthOpen > ${ABOVE_THRESHOLD.mouthOpen}`,
    pos: (r) => hasLabel(r, 'mouth_open'), neg: (r) => hasLabel(r, 'neutral', true) && hasLabel(r, 'frontal'), score: (c) => c.mouthOpen },
  { key: 'browRaise', label: 'brows raised', threshold: ABOVE_THRESHOLD.browRaise, thresholdText: `browRaise > ${ABOVE_THRESHOLD.browRaise}`,
    pos: (r) => hasLabel(r, 'brows_raised'), neg: (r) => hasLabel(r, 'neutral', true) && hasLabel(r, 'frontal'), score: (c) => c.browRaise },
  { key: 'headYaw', label: 'head turned (yaw)', threshold: ABOVE_THRESHOLD.headYaw, thresholdText: `|headYaw| > ${ABOVE_THRESHOLD.headYaw}°`,
    pos: (r) => hasLabel(r, 'head_yaw'), neg: frontalNeg((r) => hasLabel(r, 'head_yaw')), score: (c) => abs0(c.headYaw) },
  { key: 'headPitch', label: 'head tipped up/down (pitch)', threshold: ABOVE_THRESHOLD.headPitch, thresholdText: `|headPitch| > ${ABOVE_THRESHOLD.headPitch}°`,
    pos: (r) => hasLabelPrefix(r, 'head_pitch'), neg: frontalNeg((r) => hasLabelPrefix(r, 'head_pitch')), score: (c) => abs0(c.headPitch) },
  { key: 'headRoll', label: 'head tilted (roll)', threshold: ABOVE_THRESHOLD.headRoll, thresholdText: `|headRoll| > ${ABOVE_THRESHOLD.headRoll}°`,
    pos: (r) => hasLabel(r, 'head_roll'), neg: frontalNeg((r) => hasLabel(r, 'head_roll')), score: (c) => abs0(c.headRoll) },
  { key: 'gazeAway', label: 'gaze away', threshold: 1 - ABOVE_THRESHOLD.gazeAtCamera, thresholdText: `gazeAtCamera < ${ABOVE_THRESHOLD.gazeAtCamera} (score 1 − gazeAtCamera)`,
    pos: (r) => hasLabel(r, 'gaze_away'), neg: frontalNeg((r) => hasLabel(r, 'gaze_away')), score: (c) => (c.gazeAtCamera === null ? null : 1 - c.gazeAtCamera) },
  { key: 'eyesClosed', label: 'eyes closed', threshold: ABOVE_THRESHOLD.eyesClosed, thresholdText: `eyesClosed > ${ABOVE_THRESHOLD.eyesClosed}`,
    pos: (r) => hasLabel(r, 'eyes_closed'), neg: (r) => hasLabel(r, 'neutral', true) && hasLabel(r, 'frontal'), score: (c) => c.eyesClosed },
];

function cueTable(task: CueTask, results: Map<string, SelfviewResult>, files: string[], name: string): CueTable['none'] {
  const persons = new Map<string, PersonScores>();
  const positives: string[] = [], missed: string[] = [];
  for (const f of files) {
    const r = byFile.get(f)!;
    if (!expressionPhoto(r) || !results.has(f)) continue;
    const isPos = task.pos(r), isNeg = !isPos && task.neg(r);
    if (!isPos && !isNeg) continue;
    const c = cuesOf(results, f);
    const v = c ? task.score(c) : null;
    if (v === null) missed.push(f);
    const id = r.person || f;
    const p = persons.get(id) ?? { person: id, groups: {}, pos: [], neg: [] };
    (isPos ? p.pos : p.neg).push(v ?? 0);
    if (isPos) positives.push(`${f}: ${v === null ? 'no face' : v.toFixed(3)}`);
    persons.set(id, p);
  }
  const list = [...persons.values()];
  if (!list.some((p) => p.pos.length)) return null;
  return { metrics: metrics(name, list, task.threshold, { reps: REPS, seed: SEED }), positives, missed };
}

const refFiles = new Set(reference.values());
const cues: CueTable[] = TASKS.map((t) => ({
  key: t.key, label: t.label, threshold: t.thresholdText,
  none: cueTable(t, raw, selfviewFiles, `cue/${t.key}/none`),
  // A calibration photo reads as exactly rest on its own scale: leave it out of the tables with a baseline.
  baseline: cueTable(t, based, baselineJobs.filter((f) => !refFiles.has(f)), `cue/${t.key}/baseline`),
}));

// --- Detection --------------------------------------------------------------------------------------

interface Found { faces: number; quality?: number; issue?: string | null; score?: number }
const foundBy = (stack: string, f: string): Found | null => {
  if (stack === 'Selfview') {
    const row = raw.get(f)?.row;
    return row ? { faces: row.faces, quality: row.quality, issue: row.qualityIssue } : null;
  }
  const r = peer[stack as PeerStack].get(f);
  return r && 'faces' in r ? { faces: r.faces.length, score: primary(r.faces)?.score } : null;
};
const STACKS = ['Selfview', ...PEER_STACKS] as const;
/** The unedited London photo an edited copy (dark, backlit, tiny) was made from. */
const sourceOf = (r: LabelRow): string | undefined =>
  labels.find((s) => s.person === r.person && s.file.startsWith('A/london/') && (hasLabel(s, 'smile') === hasLabel(r, 'smile')))?.file;

const detection: DetectionTable[] = STACKS.map((stack) => {
  const ran = (f: string): boolean => foundBy(stack, f) !== null;
  const frontal = labels.filter((r) => hasLabel(r, 'frontal') && expressionPhoto(r) && ran(r.file));
  const inDir = (d: string) => labels.filter((r) => r.file.startsWith(d) && ran(r.file));
  const entry = (r: LabelRow, expected: string) => ({ file: r.file, expected, ...foundBy(stack, r.file)! });
  return {
    stack,
    frontal: { photos: frontal.length, missed: frontal.filter((r) => foundBy(stack, r.file)!.faces === 0).map((r) => r.file) },
    noFace: inDir('C/no_face/').map((r) => entry(r, '0')),
    cartoon: inDir('C/cartoon/').map((r) => entry(r, hasLabel(r, 'cartoon_face') ? 'cartoon (0 human faces)' : 'photo of a child: 1')),
    multi: inDir('C/multi_face/').map((r) => entry(r, r.labels.find((l) => l.name === 'multi_face')?.qualifier ?? '2+')),
    hard: [...inDir('C/tiny/'), ...inDir('C/dark_backlit/')].map((r) => {
      const src = sourceOf(r);
      return { ...entry(r, r.labels.map((l) => l.name).filter((n) => n !== 'SYNTHETIC').join(';')), source: src && ran(src) ? { file: src, ...foundBy(stack, src)! } : null };
    }),
  };
});

// --- Timing -----------------------------------------------------------------------------------------

const stats = (xs: number[]): StackTiming['london'] => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { photos: s.length, medianMs: q(0.5), meanMs: s.reduce((a, b) => a + b, 0) / s.length, p90Ms: q(0.9) };
};
const timing: StackTiming[] = STACKS.map((stack) => ({
  stack,
  backend: stack === 'Selfview' ? 'MediaPipe Face Landmarker (extension engine, CPU, IMAGE mode)' : `tfjs ${backends[stack]}`,
  london: stats(pairFiles.map((f) => (stack === 'Selfview' ? raw.get(f)!.ms : (peer[stack].get(f) as { ms: number }).ms))),
}));

// --- Smile score variants (no tuning: fixed, a-priori formulas on the recorded blendshapes) -------------

const shapes = (f: string): Record<string, number> => raw.get(f)?.row?.observations?.[0]?.observation.faces[0]?.blendshapes ?? {};
const b = (s: Record<string, number>, k: string): number => s[k] ?? 0;
const VARIANTS: { key: string; formula: string; score(s: Record<string, number>, f: string): number }[] = [
  { key: 'shipped', formula: 'smile cue: mean(mouthSmile L,R), clamped (cheekSquint dropped: ≤ 6e-6 on every photo)', score: (_s, f) => cuesOf(raw, f)?.smile ?? 0 },
  { key: 'max', formula: 'max(mouthSmile L,R) (one-sided smiles)', score: (s) => Math.max(b(s, 'mouthSmileLeft'), b(s, 'mouthSmileRight')) },
  { key: 'smileNotStretch', formula: 'mean(mouthSmile L,R) − mean(mouthStretch L,R) (corners up, not just wide)', score: (s) => (b(s, 'mouthSmileLeft') + b(s, 'mouthSmileRight') - b(s, 'mouthStretchLeft') - b(s, 'mouthStretchRight')) / 2 },
];
const variants = VARIANTS.map((v) => {
  const persons = pairs.map((p) => ({ person: p.person, groups: groupsOf(p.neutral), pos: [v.score(shapes(p.smiling.file), p.smiling.file)], neg: [v.score(shapes(p.neutral.file), p.neutral.file)] }));
  const worst = (rows: GroupRow[]) => rows.reduce((w, r) => (r.auc.estimate < w.auc.estimate ? r : w));
  const eth = groupTable(`variant/${v.key}`, persons, 'ethnicity', 0.5, { reps: 200, seed: SEED });
  const gen = groupTable(`variant/${v.key}`, persons, 'gender', 0.5, { reps: 200, seed: SEED });
  return {
    key: v.key, formula: v.formula,
    auc: rocAuc(persons.flatMap((p) => p.pos), persons.flatMap((p) => p.neg)),
    worstEthnicity: { group: worst(eth).group, auc: worst(eth).auc.estimate, persons: worst(eth).persons },
    gender: gen.map((r) => ({ group: r.group, auc: r.auc.estimate, persons: r.persons })),
  };
});

// --- Output -----------------------------------------------------------------------------------------

const perImage = Object.fromEntries(selfviewFiles.map((f) => {
  const row = raw.get(f)!.row!;
  const entry: Record<string, unknown> = { selfview: { faces: row.faces, quality: row.quality, issue: row.qualityIssue, smile: row.cues.smile, ms: Math.round(raw.get(f)!.ms) } };
  const bRow = based.get(f)?.row;
  if (bRow) (entry.selfview as Record<string, unknown>).smileBaseline = bRow.cues.smile;
  for (const s of PEER_STACKS) {
    const r = peer[s].get(f);
    if (r && 'faces' in r) entry[s] = { faces: r.faces.length, smile: primary(r.faces)?.smile ?? null, score: primary(r.faces)?.score ?? null, ms: Math.round(r.ms) };
  }
  return [f, entry];
}));

// --- Research half: smile after/without calibration, blinks, cues against labelled truth --------------

const research = await researchSections({
  short: SHORT, labels, pairs, log, reps: REPS, seed: SEED,
  faceApiSmile: (f) => peerSmile('face-api', f),
  selfviewCues: (f) => cuesOf(raw, f),
  photoFigures: {
    smileUncalibrated: accuracyFigure(smile['Selfview']!.none.overall, 'people', `posed smiles vs neutral (London set), no calibration, at the line ${ABOVE_THRESHOLD.smile}`),
    ...framingFigures(detection.find((d) => d.stack === 'Selfview')!.frontal),
  },
});

const report: AccuracyReport = {
  mode: SHORT ? 'short' : 'full',
  pairs: pairs.length,
  bootstrap: { reps: REPS, seed: SEED, unit: 'person' },
  thresholds: { selfviewSmile: ABOVE_THRESHOLD.smile, peer: PEER_THRESHOLD },
  smile, cues, detection, timing, variants,
  durationS: Math.round((Date.now() - started) / 1000),
};
mkdirSync(OUT, { recursive: true });
const suffix = SHORT ? '-short' : '';
writeFileSync(resolve(OUT, `accuracy${suffix}.json`), `${JSON.stringify({ ...report, research: research.json, perImage }, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10000) / 10000 : v), 1)}\n`);
// The glance table leads (after the title); the research sections follow the photo sections.
const photoMd = renderReport(report).trimEnd(), firstSection = photoMd.indexOf('\n## ');
const md = `${photoMd.slice(0, firstSection)}\n\n${research.glance}\n${photoMd.slice(firstSection + 1)}\n\n${research.markdown}`;
writeFileSync(resolve(OUT, `accuracy${suffix}.md`), md);
// Only a full run speaks for the README; a short CI run leaves it alone.
if (!SHORT) {
  const readmePath = resolve(ROOT, 'README.md');
  const section = pickSections(md, ['Per-cue accuracy at a glance', 'Smile after calibration', 'Smile without calibration', 'Smile vs neutral', 'AUC by self-reported', 'Accuracy at the shipped threshold by self-reported gender', 'Blinks', 'Cues against labelled truth', 'Detection', 'Time per photo']);
  writeFileSync(readmePath, replaceBlock(readFileSync(readmePath, 'utf8'), section));
  writeFileSync(resolve(ROOT, 'lib/cues/measured.json'), `${JSON.stringify(research.measured, null, 2)}\n`);
}
log(`wrote bench/results/accuracy${suffix}.{json,md} in ${report.durationS} s`);
const s = smile['Selfview']!.none.overall as Metrics;
console.log(`Selfview smile AUC ${s.auc.estimate.toFixed(3)} [${s.auc.lo.toFixed(3)}, ${s.auc.hi.toFixed(3)}] over ${s.persons} pairs; ` +
  PEER_STACKS.map((p) => `${p} ${smile[p]!.none.overall.auc.estimate.toFixed(3)}`).join(', '));
