/**
 * The accuracy bench's "Cues against labelled truth" section: every non-smile cue measured as
 * shipped against the truth the material allows — video seconds two raters agree on, London photos
 * turned by known angles, the studio photos as looking into the lens, the 15–60 cm photos.
 * Measures from recorded readings only (no browser); `scripts/experiment-cue-truth.ts` prints it.
 */
import { ABOVE_THRESHOLD } from '../../../lib/cues/aggregate';
import { fieldAgreement, pairSeconds, BLOCK_SECONDS, type FieldAgreementResult } from '../../../lib/analysis/clip-agreement';
import { faceSizeTrack, type SizeReading } from '../../../lib/analysis/face-size-track';
import { lensReport, type LensPhoto } from '../../../lib/analysis/lens-gaze';
import { rollReport, type RollPhoto } from '../../../lib/analysis/roll-error';
import { BROW_RULES, browTruth, FIELD_RULES, MAJORITY, readSeconds, type ClipFrame } from '../../../lib/analysis/second-reading';
import { SECOND_FIELDS, type Consensus } from '../../../lib/analysis/validation-labels';
import { ci, fmt, rowMarkdown, type Row } from './cue-truth-format';
import { browsMarkdown, type BrowTruth } from './cue-truth-brows';

/** Everything the section measures, already recorded. */
export interface CueTruthInput {
  clips: { id: string; fps: number; frames: readonly ClipFrame[]; consensus: Consensus }[];
  /** London neutral photos: untouched and rotated roll readings. */
  roll: RollPhoto[];
  /** London untouched photos (neutral and smiling): gazeAtCamera. */
  lens: LensPhoto[];
  faceSize: SizeReading[];
  brows: BrowTruth;
  /** Self-reported attributes to table groups by. */
  attributes?: string[];
  reps?: number;
  seed?: number;
}

/** Measures and renders the section. */
export function cueTruthSection(input: CueTruthInput): { json: unknown; markdown: string } {
  const o = { reps: input.reps ?? 2000, seed: input.seed ?? 0 };
  const attributes = input.attributes ?? ['gender', 'ethnicity'];
  const video: FieldAgreementResult[] = [];
  for (const field of SECOND_FIELDS) {
    const rule = FIELD_RULES[field];
    const per = input.clips.map((c) => pairSeconds(c.id, readSeconds(c.frames, c.fps, rule), c.consensus.seconds[field]));
    input.clips.forEach((c, i) => video.push(fieldAgreement(c.id, per[i]!, rule, o)));
    video.push(fieldAgreement('pooled', per.flat(), rule, o));
  }
  // Brows: labelled in a later round; each brow cue against its own word of the brows field.
  const browClips = input.clips.filter((c) => c.consensus.brows);
  if (browClips.length) for (const rule of Object.values(BROW_RULES)) {
    const per = browClips.map((c) => pairSeconds(c.id, readSeconds(c.frames, c.fps, rule), browTruth(c.consensus.brows!, rule)));
    browClips.forEach((c, i) => video.push(fieldAgreement(c.id, per[i]!, rule, o)));
    video.push(fieldAgreement('pooled', per.flat(), rule, o));
  }
  const pooled = (f: string): FieldAgreementResult => video.find((v) => v.field === f && v.scope === 'pooled')!;
  const roll = rollReport(input.roll, attributes, o);
  const lens = lensReport(input.lens, attributes, o);
  const size = faceSizeTrack(input.faceSize);
  const kappa = input.clips.flatMap((c) => c.consensus.agreement.map((a) => ({ clip: c.id, ...a })));

  /** Brow rows: the video seconds where the brows field is labelled, else what the photo labels allow. */
  const browRows = (): Row[] => {
    const raise = video.find((v) => v.field === 'browRaise' && v.scope === 'pooled'), furrow = video.find((v) => v.field === 'browFurrow' && v.scope === 'pooled');
    if (!raise || !furrow) return [
      ['brows raised', `photos labelled \`brows_raised\``, 'see below', NaN, `${input.brows.raised.length} photo`],
      ['brow furrow', 'none', 'no labelled truth anywhere: not measured', NaN, '0'],
    ];
    const text = `video seconds both raters agree on, brows field (${browClips.map((c) => c.id).join(', ')})`;
    return [
      ['brows raised', text, `balanced accuracy per second (${raise.line})`, raise.balancedAccuracy, vs(raise)],
      ['', '', `recall of \`raised\``, raise.recallPositive, `${raise.positives} s`],
      ['', '', 'AUC of the per-second mean (no line)', raise.auc, vs(raise)],
      ['brows drawn together', text, `balanced accuracy per second (${furrow.line})`, furrow.balancedAccuracy, vs(furrow)],
      ['', '', `recall of \`drawn\``, furrow.recallPositive, `${furrow.positives} s`],
      ['', '', 'AUC of the per-second mean (no line)', furrow.auc, vs(furrow)],
    ];
  };
  const browVideo = () => {
    const raise = video.find((v) => v.field === 'browRaise' && v.scope === 'pooled'), furrow = video.find((v) => v.field === 'browFurrow' && v.scope === 'pooled');
    if (!raise || !furrow) return undefined;
    return {
      raised: { positives: raise.positives, negatives: raise.negatives, recall: raise.recallPositive.estimate, medianRaised: raise.medianScore.positive, medianOther: raise.medianScore.negative },
      drawn: { positives: furrow.positives, negatives: furrow.negatives, falseShare: furrow.recallNegative.estimate === null ? null : 1 - furrow.recallNegative.estimate },
    };
  };
  const vs = (v: FieldAgreementResult): string => `${v.n} s (${v.positives} ${v.positive} / ${v.negatives} ${v.negative})`;
  const g = pooled('gaze'), m = pooled('mouth'), s = pooled('smile'), h = pooled('head'), e = pooled('eyes');
  const clipsText = `video seconds both raters agree on (${input.clips.map((c) => c.id).join(', ')})`;
  const rows: Row[] = [
    ['gaze at camera', clipsText, `agreement per second (${g.line})`, g.accuracy, vs(g)],
    ['', '', `recall of \`at\``, g.recallPositive, `${g.positives} s`],
    ['', '', `recall of \`away\` (thin: ${g.negatives} s)`, g.recallNegative, `${g.negatives} s`],
    ['', 'London studio photos, untouched (looking into the lens)', `share read at camera (${FIELD_RULES.gaze.line})`, lens.overall.atCamera, `${lens.overall.photos} photos, ${lens.overall.persons} persons`],
    ['mouth open', clipsText, `agreement per second (${m.line})`, m.accuracy, vs(m)],
    ['', '', 'balanced accuracy', m.balancedAccuracy, vs(m)],
    ['', '', 'AUC of the per-second mean (no line)', m.auc, vs(m)],
    ['smile', clipsText, `agreement per second (${s.line})`, s.accuracy, vs(s)],
    ['', '', 'balanced accuracy', s.balancedAccuracy, vs(s)],
    ['head turned/tipped', clipsText, `agreement per second (${h.line})`, h.accuracy, vs(h)],
    ['', '', `recall of \`turned\` (thin: ${h.positives} s)`, h.recallPositive, `${h.positives} s`],
    ['eyes closed', clipsText, `agreement per second (${e.line}); no \`closed\` second, so specificity only`, e.accuracy, vs(e)],
    ['head roll', 'London neutral photos turned by known angles (truth = own reading − clockwise angle)', 'mean absolute error, degrees', roll.overall.mae, `${roll.overall.readings} readings, ${roll.photos} photos`, 2],
    ['', '', `agreement of |roll| > ${ABOVE_THRESHOLD.headRoll}° with the truth`, roll.overall.lineAgreement, `${roll.overall.readings} readings`],
    ['face size', '15/30/45/60 cm webcam photos', `monotone: ${size.monotone ? 'yes' : 'no'}; slope of log size on log distance (pinhole: −1)`, size.logSlope, `${size.rows.length} photos, 1 person`, 2],
    ...browRows(),
  ];

  const md: string[] = [
    '### Cues against labelled truth', '',
    `Each cue as shipped. A video second reads as the cue's word when more than ${MAJORITY * 100}% of its face frames are past the shipped line `
      + '(the protocol\'s raters write what was true for more than half of the second; fixed before looking at the labels). '
      + `Intervals: 95% percentile bootstrap, over ${BLOCK_SECONDS}-second blocks for video (neighbouring seconds are alike) and over persons for photos. `
      + 'The clips carry no self-reported demographics (their labels are apparent), so groups are tabled for the photos only.', '',
    '| cue | truth | figure | estimate | 95% CI | n |', '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(rowMarkdown),
    '', '#### Per clip', '',
    '| field | scope | seconds | agreement | balanced accuracy | recall of positive | recall of negative | AUC (no line) | median score (positive / negative) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...video.map((v) => `| ${v.field} | ${v.scope} | ${vs(v)}${v.unread ? `, ${v.unread} without a face` : ''} | ${fmt(v.accuracy.estimate)} ${ci(v.accuracy)} | ${fmt(v.balancedAccuracy.estimate)} ${ci(v.balancedAccuracy)} | ${fmt(v.recallPositive.estimate)} ${ci(v.recallPositive)} | ${fmt(v.recallNegative.estimate)} ${ci(v.recallNegative)} | ${fmt(v.auc.estimate)} ${ci(v.auc)} | ${fmt(v.medianScore.positive, 2)} / ${fmt(v.medianScore.negative, 2)} |`),
    '', '#### Label agreement (two raters, per second)', '',
    '| clip | field | seconds | κ | disagreements | with `unsure` |', '| --- | --- | --- | --- | --- | --- |',
    ...kappa.map((k) => `| ${k.clip} | ${k.field} | ${k.seconds} | ${fmt(k.kappa, 2)} | ${k.disagreements.length} | ${k.unsure} |`),
    '', '#### Head roll per angle and group', '',
    `Opposite sign convention (roll + for a clockwise tilt) would give a mean error of ${fmt(roll.oppositeSignMae, 1)}°: the shipped convention is the one the data bear out. `
      + 'The truth is relative to each photo\'s own upright reading, so a steady offset of the model would not show here.', '',
    '| rotation (clockwise) / group | readings | persons | mean abs error (°) | bias (°) | max (°) | line agreement |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...[...roll.perAngle.map((r) => ({ label: `${r.angle}°`, ...r })), ...roll.groups.map((r) => ({ label: `${r.attribute}: ${r.group}`, ...r }))].map((r) =>
      `| ${r.label} | ${r.readings} | ${r.persons} | ${fmt(r.mae.estimate, 2)} ${ci(r.mae, 2)} | ${fmt(r.bias, 2)} | ${fmt(r.maxAbs, 2)} | ${fmt(r.lineAgreement.estimate)} |`),
    '', '#### Looking into the lens per group', '',
    '| group | photos | persons | read at camera | fully at camera | mean gazeAtCamera | lowest |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...[{ label: 'all', ...lens.overall }, ...lens.groups.map((r) => ({ label: `${r.attribute}: ${r.group}`, ...r }))].map((r) =>
      `| ${r.label} | ${r.photos} | ${r.persons} | ${fmt(r.atCamera.estimate)} ${ci(r.atCamera)}${r.ruleOfThreeLower !== null ? ` (≥ ${fmt(r.ruleOfThreeLower)} by the rule of three)` : ''} | ${fmt(r.full)} | ${fmt(r.meanGaze)} | ${fmt(r.min)} |`),
    '', '#### Face size against distance', '',
    '| distance (cm) | faceSize | faceSize × distance |', '| --- | --- | --- |',
    ...size.rows.map((r) => `| ${r.distanceCm} | ${fmt(r.faceSize)} | ${fmt(r.sizeTimesDistance, 1)} |`),
    '', size.offsetFit
      ? `faceSize falls with distance${size.monotone ? ' at every step' : ' but not at every step'}, more slowly than 1/distance (log slope ${fmt(size.logSlope, 2)}). `
        + `It fits k / (distance + ${fmt(size.offsetFit.offsetCm, 1)} cm) within ${fmt(size.offsetFit.maxRelResidual * 100, 1)}% (fitted on these ${size.rows.length} photos): `
        + 'the nominal distances are likely not measured from the lens, or are rough. The cue tracks nearer/farther; it is not a distance.'
      : 'Too few readings to fit.',
    '', '#### Brows', '', browsMarkdown(input.brows, browVideo()),
  ];
  return { json: { video, kappa, roll, lens, faceSize: size, brows: input.brows }, markdown: md.join('\n') };
}
