/**
 * The video validation labels (test/validation/PROTOCOL.md): parsing one rater's file, the truth two
 * raters agree on, and how well they agree (Cohen's κ per field, blinks matched within ±2 frames).
 * Pure: text in, numbers out.
 */

/** The per-second fields of the protocol, in file order. */
export const SECOND_FIELDS = ['gaze', 'mouth', 'smile', 'head', 'eyes'] as const;
export type SecondField = (typeof SECOND_FIELDS)[number];

/** One blink as a rater marked it: first and last frame with the lids over half the iris. */
export interface LabelledBlink {
  onset: number;
  offset: number;
  occluded: boolean;
}

/** One rater's labels of one clip. */
export interface RaterLabels {
  blinks: LabelledBlink[];
  /** Per whole second: the word for each field (`unsure` and `noface` kept as written). */
  seconds: Map<number, Record<SecondField, string>>;
}

/** Blinks by two raters count as the same when their onsets are within this many frames. */
export const BLINK_MATCH_FRAMES = 2;

/** Parses one rater's TSV; throws with the line number on anything the protocol does not allow. */
export function parseRaterLabels(text: string): RaterLabels {
  const out: RaterLabels = { blinks: [], seconds: new Map() };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f[0] === 'blink' && f.length >= 3) {
      const onset = Number(f[1]), offset = Number(f[2]);
      if (!Number.isInteger(onset) || !Number.isInteger(offset) || offset < onset) throw new Error(`line ${i + 1}: bad blink "${line}"`);
      out.blinks.push({ onset, offset, occluded: f[3] === 'occluded' });
    } else if (f[0] === 'second' && f.length === 2 + SECOND_FIELDS.length) {
      const s = Number(f[1]);
      if (!Number.isInteger(s)) throw new Error(`line ${i + 1}: bad second "${line}"`);
      out.seconds.set(s, Object.fromEntries(SECOND_FIELDS.map((k, j) => [k, f[2 + j]!])) as Record<SecondField, string>);
    } else throw new Error(`line ${i + 1}: not a protocol line "${line}"`);
  });
  return out;
}

/** Pairs blinks of two lists whose onsets lie within `tol` frames, greedily by closeness. */
export function matchBlinks(a: readonly { onset: number }[], b: readonly { onset: number }[], tol = BLINK_MATCH_FRAMES): [number, number][] {
  const cand: [number, number, number][] = [];
  a.forEach((x, i) => b.forEach((y, j) => { const d = Math.abs(x.onset - y.onset); if (d <= tol) cand.push([d, i, j]); }));
  cand.sort((p, q) => p[0] - q[0]);
  const usedA = new Set<number>(), usedB = new Set<number>(), pairs: [number, number][] = [];
  for (const [, i, j] of cand) if (!usedA.has(i) && !usedB.has(j)) { usedA.add(i); usedB.add(j); pairs.push([i, j]); }
  return pairs.sort((p, q) => p[0] - q[0]);
}

/** Cohen's κ of two equal-length label lists (NaN with no items; 1 when both are constant and equal). */
export function cohenKappa(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) throw new Error('cohenKappa: lists differ in length');
  const n = a.length;
  if (!n) return NaN;
  const agree = a.filter((x, i) => x === b[i]).length / n;
  const cats = new Set([...a, ...b]);
  let chance = 0;
  for (const c of cats) chance += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n);
  return chance === 1 ? 1 : (agree - chance) / (1 - chance);
}

/** How two raters agree on one field, over the seconds both labelled with a face in view. */
export interface FieldAgreement {
  field: SecondField | 'brows';
  seconds: number;
  agreed: number;
  /** Seconds where either rater said `unsure`. */
  unsure: number;
  kappa: number;
  disagreements: { second: number; r1: string; r2: string }[];
}

/** Truth of one clip: what both raters agree on. */
export interface Consensus {
  /** Blinks both raters marked (onset/offset averaged, rounded), neither occluded. */
  blinks: LabelledBlink[];
  /** Blinks only one rater marked. */
  blinkDisagreements: { rater: 'r1' | 'r2'; onset: number; offset: number }[];
  /** Per field: second → agreed word (only seconds where both gave the same definite word). */
  seconds: Record<SecondField, Map<number, string>>;
  /** The brows field (labelled in a later round, `<clip>.brows.<rater>.tsv`), when both raters have labelled it. */
  brows?: Map<number, string>;
  agreement: FieldAgreement[];
}

const DEFINITE = (w: string): boolean => w !== 'unsure' && w !== 'noface';

/** The words of the brows field. */
export const BROW_WORDS = ['raised', 'drawn', 'neutral', 'unsure', 'noface'] as const;

/** Parses one rater's brows file (`brows<TAB>s<TAB>word` per second); throws with the line number otherwise. */
export function parseBrowLabels(text: string): Map<number, string> {
  const out = new Map<number, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const f = line.split('\t');
    const s = Number(f[1]);
    if (f[0] !== 'brows' || f.length !== 3 || !Number.isInteger(s) || !(BROW_WORDS as readonly string[]).includes(f[2]!)) throw new Error(`line ${i + 1}: not a brows line "${line}"`);
    out.set(s, f[2]!);
  });
  return out;
}

/** Agreement and agreed words of one field given as two second → word maps. */
function agreeOn(field: FieldAgreement['field'], a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string>) {
  const rows = [...a.keys()].filter((s) => b.has(s)).sort((x, y) => x - y)
    .map((s) => ({ s, a: a.get(s)!, b: b.get(s)! })).filter((r) => r.a !== 'noface' && r.b !== 'noface');
  const agreement: FieldAgreement = {
    field, seconds: rows.length, agreed: rows.filter((r) => r.a === r.b).length,
    unsure: rows.filter((r) => r.a === 'unsure' || r.b === 'unsure').length,
    kappa: cohenKappa(rows.map((r) => r.a), rows.map((r) => r.b)),
    disagreements: rows.filter((r) => r.a !== r.b).map((r) => ({ second: r.s, r1: r.a, r2: r.b })),
  };
  return { words: new Map(rows.filter((r) => r.a === r.b && DEFINITE(r.a)).map((r) => [r.s, r.a])), agreement };
}

/** Adds the brows field of two raters to a clip's consensus. */
export function withBrows(c: Consensus, r1: ReadonlyMap<number, string>, r2: ReadonlyMap<number, string>): Consensus {
  const { words, agreement } = agreeOn('brows', r1, r2);
  return { ...c, brows: words, agreement: [...c.agreement, agreement] };
}

/** The truth two raters agree on, with their agreement. */
export function consensus(r1: RaterLabels, r2: RaterLabels): Consensus {
  const pairs = matchBlinks(r1.blinks, r2.blinks);
  const m1 = new Set(pairs.map((p) => p[0])), m2 = new Set(pairs.map((p) => p[1]));
  const blinks = pairs
    .map(([i, j]) => ({ a: r1.blinks[i]!, b: r2.blinks[j]! }))
    .filter(({ a, b }) => !a.occluded && !b.occluded)
    .map(({ a, b }) => ({ onset: Math.round((a.onset + b.onset) / 2), offset: Math.round((a.offset + b.offset) / 2), occluded: false }));
  const blinkDisagreements = [
    ...r1.blinks.filter((_, i) => !m1.has(i)).map((b) => ({ rater: 'r1' as const, onset: b.onset, offset: b.offset })),
    ...r2.blinks.filter((_, j) => !m2.has(j)).map((b) => ({ rater: 'r2' as const, onset: b.onset, offset: b.offset })),
  ].sort((a, b) => a.onset - b.onset);
  const seconds = {} as Record<SecondField, Map<number, string>>;
  const agreement: FieldAgreement[] = [];
  for (const field of SECOND_FIELDS) {
    const word = (r: RaterLabels) => new Map([...r.seconds].map(([sec, w]) => [sec, w[field]]));
    const { words, agreement: a } = agreeOn(field, word(r1), word(r2));
    seconds[field] = words;
    agreement.push(a);
  }
  return { blinks, blinkDisagreements, seconds, agreement };
}
