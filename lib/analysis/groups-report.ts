/**
 * The accuracy bench's result shape and its Markdown rendering (bench/results/accuracy.md). Pure:
 * numbers in, text out, so the report's layout is tested without a browser.
 */
import type { Interval } from './bootstrap';
import type { Gap, GroupRow, Metrics } from './groups';

/** Smile-vs-neutral results of one stack under one condition. */
export interface SmileTable {
  overall: Metrics;
  ethnicity: GroupRow[];
  gender: GroupRow[];
  gaps: Gap[];
  /** Photos where the stack found no face (scored 0) or, with a baseline, could not calibrate. */
  excluded: string[];
}

/** A labelled cue other than the London smiles (Selfview only). */
export interface CueTable {
  key: string;
  label: string;
  threshold: string;
  none: CueResult;
  baseline: CueResult;
}
/** Null when the material has no positive example of the cue. */
export type CueResult = { metrics: Metrics; positives: string[]; missed: string[] } | null;

/** What a stack found on one photo of the detection material. */
export interface DetectionEntry {
  file: string;
  expected: string;
  faces: number;
  quality?: number;
  issue?: string | null;
  /** A peer's detection confidence of its primary face. */
  score?: number;
}

/** Detection behaviour of one stack. */
export interface DetectionTable {
  stack: string;
  frontal: { photos: number; missed: string[] };
  noFace: DetectionEntry[];
  cartoon: DetectionEntry[];
  multi: DetectionEntry[];
  /** Tiny, dark and backlit edits, next to the photo they were made from. */
  hard: (DetectionEntry & { source: (Omit<DetectionEntry, 'expected'> & { file: string }) | null })[];
}

/** Per-photo time of one stack over the London pairs. */
export interface StackTiming {
  stack: string;
  backend: string;
  london: { photos: number; medianMs: number; meanMs: number; p90Ms: number };
}

/** A fixed smile formula over the recorded blendshapes, evaluated on the London pairs. */
export interface SmileVariant {
  key: string;
  formula: string;
  auc: number;
  worstEthnicity: { group: string; auc: number; persons: number };
  gender: { group: string; auc: number; persons: number }[];
}

/** Everything the bench reports. */
export interface AccuracyReport {
  mode: 'short' | 'full';
  pairs: number;
  bootstrap: { reps: number; seed: number; unit: 'person' };
  thresholds: { selfviewSmile: number; peer: number };
  smile: Record<string, { none: SmileTable; baseline?: SmileTable }>;
  cues: CueTable[];
  detection: DetectionTable[];
  timing: StackTiming[];
  variants: SmileVariant[];
  durationS: number;
}

const n3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');
/** `0.935 [0.897, 0.967]` */
export const withCi = (i: Interval): string => (Number.isFinite(i.estimate) ? `${n3(i.estimate)} [${n3(i.lo)}, ${n3(i.hi)}]` : '–');
const small = (m: Metrics): string => (m.small ? ' ⚠' : '');
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
const head = (cells: string[]): string => `${row(cells)}\n${row(cells.map(() => '---'))}`;
const gapText = (g: Gap | undefined): string => (g ? `${n3(g.gap)} (${g.low.group} ${n3(g.low.value)}, n=${g.low.persons} vs ${g.high.group} ${n3(g.high.value)}, n=${g.high.persons})` : '–');

function smileSection(r: AccuracyReport): string[] {
  const out: string[] = [];
  const stacks = Object.keys(r.smile);
  out.push(`## Smile vs neutral — London pairs (${r.pairs} persons)`, '');
  out.push(
    'One neutral and one smiling studio photo per person. **AUC**: chance that the smiling photo of a random person scores above the ' +
      'neutral photo of a random person (ties half). **Accuracy**: smiling photos above the threshold and neutral ones at or below it, ' +
      `at the threshold that ships (Selfview: \`ABOVE_THRESHOLD.smile\` = ${r.thresholds.selfviewSmile} in lib/cues/aggregate.ts; ` +
      `peers: their smiling-face class probability > ${r.thresholds.peer}). **Own neutral**: persons whose smile scores above their own neutral photo. ` +
      `Brackets: 95% percentile bootstrap over persons (${r.bootstrap.reps} resamples, seed ${r.bootstrap.seed}). ⚠ = fewer than 20 persons. Largest gaps are between groups of at least 5 persons.`,
    '',
    '**With baseline** = each person calibrated on their own neutral photo (`npm run analyze -- --baseline NEUTRAL`: ' +
      '`computeBaseline` over the photo held for the 10 s calibration, then `normalise`, as the extension does after calibration). ' +
      'The neutral photo is then its own rest (its noise 0), so it reads 0 by construction and the smile is judged by the person-relative ' +
      'rule (lib/feedback/person-rule) against that still rest: an optimistic case. The honest calibrated figure is the cross-validated ' +
      'one under "Smile after calibration". For the peers the same code judges their score; a neutral photo that already reads as a ' +
      'smile is refused as a calibration and counted in the last column.',
    '',
  );
  out.push(head(['stack', 'calibration', 'AUC', 'accuracy', 'own neutral', 'worst ethnicity (AUC)', 'largest gap, ethnicity (AUC)', 'largest gap, gender (AUC)', 'no face (scored 0)']));
  for (const s of stacks) {
    for (const [cond, t] of [['none', r.smile[s]!.none], ['baseline', r.smile[s]!.baseline]] as const) {
      if (!t) continue;
      const worst = [...t.ethnicity].sort((a, b) => a.auc.estimate - b.auc.estimate)[0];
      out.push(row([
        s, cond === 'none' ? 'none' : 'own neutral photo', withCi(t.overall.auc) + small(t.overall), withCi(t.overall.accuracy),
        `${t.overall.withinPerson.count}/${t.overall.withinPerson.of}`,
        worst ? `${worst.group} ${n3(worst.auc.estimate)} (n=${worst.persons})` : '–',
        gapText(t.gaps.find((g) => g.metric === 'auc' && t.ethnicity.some((e) => e.group === g.low.group))),
        gapText(t.gaps.find((g) => g.metric === 'auc' && t.gender.some((e) => e.group === g.low.group))),
        t.excluded.length ? t.excluded.join(', ') : '0',
      ]));
    }
  }
  out.push('');
  for (const attr of ['ethnicity', 'gender'] as const) {
    const groups = [...new Set(stacks.flatMap((s) => r.smile[s]!.none[attr].map((g) => g.group)))].sort();
    for (const metric of ['auc', 'accuracy'] as const) {
      out.push(`### ${metric === 'auc' ? 'AUC' : 'Accuracy at the shipped threshold'} by self-reported ${attr}`, '');
      out.push(head(['group', 'persons', ...stacks.flatMap((s) => [`${s}`, `${s} + baseline`])]));
      for (const g of groups) {
        const cell = (t: SmileTable | undefined): string => {
          const x = t?.[attr].find((e) => e.group === g);
          return x ? withCi(x[metric]) : '–';
        };
        const n = r.smile[stacks[0]!]!.none[attr].find((e) => e.group === g);
        out.push(row([g, `${n?.persons ?? '–'}${n?.small ? ' ⚠' : ''}`, ...stacks.flatMap((s) => [cell(r.smile[s]!.none), cell(r.smile[s]!.baseline)])]));
      }
      out.push('');
    }
  }
  return out;
}

function cueSection(r: AccuracyReport): string[] {
  const out = ['## Other labelled cues (Selfview)', '',
    'Positives: photos labelled with the movement in labels.tsv; negatives: labelled frontal (and neutral where the cue could ' +
      'confuse a smile). Edited copies, cartoons, group and tiny photos are left out. A photo without a face scores 0. ' +
      '**⚠ small sample** (fewer than 20 positives or negatives): read these as anecdotes, not rates. With a baseline, only ' +
      "persons with a calibration photo count, and the calibration photos themselves are left out.", ''];
  out.push(head(['cue', 'shipped threshold', 'calibration', 'positives', 'negatives', 'AUC', 'accuracy', 'positive photos: score']));
  for (const c of r.cues) {
    for (const [cond, x] of [['none', c.none], ['own neutral photo', c.baseline]] as const) {
      if (!x) {
        out.push(row([c.label, c.threshold, cond, 0, '–', 'no labelled data', '–', '–']));
        continue;
      }
      const m = x.metrics;
      out.push(row([c.label, c.threshold, cond, `${m.pos}${m.pos < 20 ? ' ⚠' : ''}`, `${m.neg}${m.neg < 20 ? ' ⚠' : ''}`, withCi(m.auc), withCi(m.accuracy), x.positives.join('; ')]));
    }
  }
  out.push('');
  return out;
}

function detectionSection(r: AccuracyReport): string[] {
  const out = ['## Detection', ''];
  const ran = (d: DetectionTable, e: DetectionEntry[]): boolean => e.length > 0 || d.stack === 'Selfview';
  out.push(head(['stack', 'frontal photos', 'missed', 'faces on C/no_face', 'faces on C/cartoon (file: n)', 'C/multi_face (found / expected)']));
  for (const d of r.detection) {
    out.push(row([
      d.stack, d.frontal.photos, d.frontal.missed.length ? `${d.frontal.missed.length}: ${d.frontal.missed.join(', ')}` : '0',
      ran(d, d.noFace) ? `${d.noFace.reduce((s, e) => s + e.faces, 0)} on ${d.noFace.filter((e) => e.faces > 0).length} of ${d.noFace.length} photos` : 'not run',
      ran(d, d.cartoon) ? d.cartoon.map((e) => `${e.file.split('/').pop()}: ${e.faces}`).join('; ') : 'not run',
      ran(d, d.multi) ? d.multi.map((e) => `${e.file.split('/').pop()}: ${e.faces} / ${e.expected}`).join('; ') : 'not run',
    ]));
  }
  out.push('', 'Selfview reports at most 4 faces (`MAX_FACES`); the peers are not capped. On cartoons only `openclipart_a_happy_boy_01.png` holds a real (photographed) face.', '');
  out.push('### Tiny, dark and backlit edits (next to the photo each was made from)', '');
  out.push(head(['stack', 'photo', 'label', 'faces', 'Selfview quality (issue) / peer detection score', 'same on the source photo']));
  for (const d of r.detection) {
    for (const e of d.hard) {
      const q = (x: { faces: number; quality?: number; issue?: string | null; score?: number }): string =>
        x.quality !== undefined ? `${n3(x.quality)} (${x.issue ?? 'good'})` : x.faces ? `score ${n3(x.score ?? NaN)}` : 'no face';
      out.push(row([d.stack, e.file.split('/').pop()!, e.expected, e.faces, q(e), e.source ? `${e.source.file.split('/').pop()}: ${q(e.source)}` : '–']));
    }
  }
  out.push('');
  return out;
}

function timingSection(r: AccuracyReport): string[] {
  const base = r.timing[0]!;
  const out = ['## Time per photo (London pairs, same run)', '',
    'Selfview: the analysis page\'s whole call for one file (decode, scale to ≤ 1280 px, hand-over to the offscreen engine, ' +
      'Face Landmarker in IMAGE mode, cue maths). Peers: decode, scale to ≤ 1280 px and detection in their page (the image is ' +
      'fetched from loopback before the clock starts). Every stack gets one untimed warm-up photo first. Headless Chromium without GPU, 2 shared cores: compare ratios, not absolutes.', ''];
  out.push(head(['stack', 'backend', 'photos', 'median ms', 'mean ms', 'p90 ms', `median vs ${base.stack}`]));
  for (const t of r.timing) out.push(row([t.stack, t.backend, t.london.photos, t.london.medianMs.toFixed(1), t.london.meanMs.toFixed(1), t.london.p90Ms.toFixed(1), `${(t.london.medianMs / base.london.medianMs).toFixed(2)}×`]));
  out.push('');
  return out;
}

function variantSection(r: AccuracyReport): string[] {
  const out = ['## Smile formulas on the same blendshapes (no calibration, not tuned to these photos)', ''];
  const genders = [...new Set(r.variants.flatMap((v) => v.gender.map((g) => g.group)))].sort();
  out.push(head(['formula', 'AUC', 'worst ethnicity', ...genders.map((g) => `AUC ${g}`)]));
  for (const v of r.variants) out.push(row([`\`${v.key}\`: ${v.formula}`, n3(v.auc), `${v.worstEthnicity.group} ${n3(v.worstEthnicity.auc)} (n=${v.worstEthnicity.persons})`, ...genders.map((g) => n3(v.gender.find((x) => x.group === g)?.auc ?? NaN))]));
  out.push('');
  return out;
}

/** The Markdown report. */
export function renderReport(r: AccuracyReport): string {
  return [
    `# Accuracy bench (${r.mode} mode)`, '',
    '`npm run bench:accuracy` — Selfview (the built extension\'s analysis page, as `npm run analyze`), @vladmandic/human 3.3.6 and ' +
      '@vladmandic/face-api 1.7.15 (tiny face detector) on the same photos of `../shared/faces`, in one run of one headless Chromium; ' +
      `the peers on the tfjs WASM backend from a loopback-only server. Run took ${r.durationS} s. Selfview measures movements: ` +
      'a high smile score is mouth corners up, not a feeling; the peers\' class is named after a feeling and is used here only as a smile score.', '',
    ...smileSection(r), ...cueSection(r), ...detectionSection(r), ...timingSection(r), ...variantSection(r),
  ].join('\n');
}
