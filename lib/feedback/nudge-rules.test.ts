// Nudge words as a key and numbers: what pages translate. The English comes from the same key.
import { describe, expect, it } from 'vitest';
import { NUDGE_KINDS } from './nudge-config';
import { aboutDuration, englishNudge, halfMinutes, nudgeMessage, nudgeText, parseNudgeMessage, type Finding } from './nudge-rules';

const FINDINGS: Finding[] = NUDGE_KINDS.flatMap((kind): Finding[] => {
  if (kind === 'framing') return (['offCentre', 'tooClose', 'tooFar'] as const).map((framing) => ({ kind, framing }));
  if (kind === 'lowBlink') return [0, 0.49, 0.5, 1.2, 1.5, 2.5, 7.9, 12].map((perMin) => ({ kind, perMin }));
  return [{ kind }];
});

describe('nudgeText', () => {
  it('gives a key and the numbers the words need', () => {
    expect(nudgeText({ kind: 'lookAway' }, 75)).toEqual({ key: 'lookAway', halfMinutes: 2 });
    expect(nudgeText({ kind: 'noSmile' }, 180)).toEqual({ key: 'noSmile', halfMinutes: 6 });
    expect(nudgeText({ kind: 'browFurrow' }, 90)).toEqual({ key: 'browFurrow' });
    expect(nudgeText({ kind: 'framing', framing: 'tooClose' }, 30)).toEqual({ key: 'framing.tooClose' });
    expect(nudgeText({ kind: 'framing' }, 30)).toEqual({ key: 'framing.offCentre' });
    expect(nudgeText({ kind: 'lowBlink', perMin: 1.4 }, 141)).toEqual({ key: 'lowBlink', halfMinutes: 5, blinks: 1 });
  });

  it('rounds stretches to half minutes as aboutDuration does', () => {
    expect([30, 60, 75, 94, 120, 141, 150, 180, 360].map(halfMinutes)).toEqual([2, 2, 2, 3, 4, 5, 5, 6, 12]);
    expect(aboutDuration(141)).toBe('about 2 and a half minutes');
  });

  it('is what nudgeMessage says in English, and comes back from those words', () => {
    for (const f of FINDINGS) {
      for (let w = 20; w <= 900; w += 7) {
        const text = nudgeText(f, w);
        expect(englishNudge(text)).toBe(nudgeMessage(f, w));
        expect(parseNudgeMessage(nudgeMessage(f, w))).toEqual(text);
      }
    }
  });

  it('does not read other words as a nudge', () => {
    expect(parseNudgeMessage('')).toBeNull();
    expect(parseNudgeMessage("You've barely looked at the camera for a while.")).toBeNull();
    expect(parseNudgeMessage('No smile for about 3 minutes.')).toBeNull();
  });
});
