/**
 * What truth exists for the brow cues, said plainly: the face material labels brows raised on very
 * few photos, nothing labels a brow furrow, and the video protocol has no brow field.
 */
import { ABOVE_THRESHOLD } from '../../../lib/cues/aggregate';

/** The brow labels found, and the readings of labelled positives where a recording has them. */
export interface BrowTruth {
  /** Files labelled `brows_raised`, with the label's qualifier (e.g. `slight`). */
  raised: { file: string; qualifier: string | null; reading?: { source: string; browRaise: number; browFurrow: number } }[];
  /** Files labelled with any brow-furrow-like label (furrow, frown, brows_down…). */
  furrow: string[];
}

/** The brows paragraph of the section. */
export function browsMarkdown(b: BrowTruth): string {
  const line = ABOVE_THRESHOLD.browRaise;
  const raised = b.raised.map((r) => `\`${r.file}\`${r.qualifier ? ` (${r.qualifier})` : ''}`
    + (r.reading ? `: browRaise ${r.reading.browRaise.toFixed(3)} on ${r.reading.source}, ${r.reading.browRaise > line ? 'above' : 'below'} the line ${line}` : '')).join('; ');
  return [
    `- **Brows raised**: ${b.raised.length} labelled photo${b.raised.length === 1 ? '' : 's'}${raised ? ` — ${raised}` : ''}. `
      + 'The photo table of the bench (brows raised, AUC) rests on this alone: an anecdote, not an accuracy. The video protocol has no brow field.',
    b.furrow.length
      ? `- **Brow furrow**: ${b.furrow.length} labelled photo(s): ${b.furrow.join(', ')}.`
      : '- **Brow furrow**: no labelled truth anywhere (no photo label, no video field). Its accuracy is unmeasured; the product should say so wherever it shows the cue.',
  ].join('\n');
}
