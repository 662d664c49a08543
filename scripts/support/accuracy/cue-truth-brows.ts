/**
 * What truth exists for the brow cues, said plainly: the face material labels brows raised on very
 * few photos and nothing labels a brow furrow; the video brows field (a second labelling round) has
 * a handful of raised seconds and, in these clips, no drawn ones.
 */
import { ABOVE_THRESHOLD } from '../../../lib/cues/aggregate';

/** The brow labels found, and the readings of labelled positives where a recording has them. */
export interface BrowTruth {
  /** Files labelled `brows_raised`, with the label's qualifier (e.g. `slight`). */
  raised: { file: string; qualifier: string | null; reading?: { source: string; browRaise: number; browFurrow: number } }[];
  /** Files labelled with any brow-furrow-like label (furrow, frown, brows_down…). */
  furrow: string[];
}

/** What the video brows field gave, pooled over the clips (absent before it was labelled). */
export interface BrowVideo {
  raised: { positives: number; negatives: number; recall: number | null; medianRaised: number | null; medianOther: number | null };
  drawn: { positives: number; negatives: number; falseShare: number | null };
}

/** The brows paragraph of the section. */
export function browsMarkdown(b: BrowTruth, video?: BrowVideo): string {
  const line = ABOVE_THRESHOLD.browRaise;
  const raised = b.raised.map((r) => `\`${r.file}\`${r.qualifier ? ` (${r.qualifier})` : ''}`
    + (r.reading ? `: browRaise ${r.reading.browRaise.toFixed(3)} on ${r.reading.source}, ${r.reading.browRaise > line ? 'above' : 'below'} the line ${line}` : '')).join('; ');
  return [
    `- **Brows raised**: ${b.raised.length} labelled photo${b.raised.length === 1 ? '' : 's'}${raised ? ` — ${raised}` : ''}. `
      + 'The photo table of the bench (brows raised, AUC) rests on this alone: an anecdote, not an accuracy.',
    ...(video ? [
      `- **Video brows field**: ${video.raised.positives} seconds both raters saw raised brows (of ${video.raised.positives + video.raised.negatives}); `
        + `the shipped line (browRaise > ${line}) caught ${video.raised.recall === null ? '–' : `${Math.round(video.raised.recall * 100)}%`} of them — their median browRaise is `
        + `${video.raised.medianRaised?.toFixed(2) ?? '–'} against ${video.raised.medianOther?.toFixed(2) ?? '–'} elsewhere: the score moves, the line sits above everyday brow lifts. `
        + `No second was labelled drawn together by both raters, yet ${video.drawn.falseShare === null ? '–' : `${Math.round(video.drawn.falseShare * 100)}%`} of the ${video.drawn.negatives} others read browFurrow > ${ABOVE_THRESHOLD.browFurrow} `
        + '(franck rests with low brows: what a calibration takes out). Too few movements to give either cue an accuracy.',
    ] : []),
    b.furrow.length
      ? `- **Brow furrow**: ${b.furrow.length} labelled photo(s): ${b.furrow.join(', ')}.`
      : `- **Brow furrow**: no labelled photo${video?.drawn.positives ? '' : ' and no drawn second in the video'}: its accuracy is unmeasured; the product says so wherever it shows the cue.`,
  ].join('\n');
}
