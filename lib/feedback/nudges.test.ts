// Protects the nudge engine on real recorded seconds: long calls built by looping the two recorded
// clips, stretches built from the clips' own look-away seconds, real stills for what the clips never
// show (held furrow, bad framing, darkness), and small synthetic seconds only where no recording
// can express the case (each says so).
import { describe, expect, it } from 'vitest';
import { aggregateSecond } from '../cues/aggregate';
import type { SecondAggregate } from '../cues/types';
import { computeBaseline, isBaseline, normaliseFrame } from './baseline';
import {
  aboutDuration, adaptedTiming, adaptThreshold, ADAPT_MAX, DEFAULT_NUDGE_CONFIG, judgeSecond, NO_ADAPTATION, NudgeEngine, NUDGE_KINDS,
  parseAdaptation, type NudgeConfigPatch, type NudgeKind,
} from './nudges';
import { loop, recordedClip, still, stillSecond } from './testing/recorded';
import { nudgeTrusted } from './nudge-reliability';
import { trustedTable } from './testing/reliability';

/**
 * Every cue measured well: these tests are about the rules, so the reliability gate stays open
 * (nudge-reliability.test.ts and the last describe here test the gate itself).
 */
const ALL_TRUSTED = trustedTable();
/** An engine over the rules alone, with every cue trusted. */
const engineOf = (config?: NudgeConfigPatch, adaptation?: unknown): NudgeEngine => new NudgeEngine(config, adaptation, ALL_TRUSTED);

const T0 = 1_700_000_000_000;
/** The second with index i (0-based) of a stream ends at this time. */
const end = (i: number): number => T0 + (i + 1) * 1000;

interface Fired {
  /** Seconds into the stream when it fired. */
  s: number;
  kind: NudgeKind;
  message: string;
}

/** Pushes `seconds` as stream seconds `from`, `from + 1`, …; returns the nudges. */
function run(engine: NudgeEngine, seconds: readonly SecondAggregate[], from = 0): Fired[] {
  const out: Fired[] = [];
  seconds.forEach((a, i) => {
    const n = engine.push(a, end(from + i));
    if (n) out.push({ s: from + i + 1, kind: n.kind, message: n.message });
  });
  return out;
}
const when = (f: Fired[]) => f.map((n) => [n.s, n.kind]);

/** Only `kind` enabled (and the smile goal set when it is noSmile). */
function only(kind: NudgeKind, patch: NudgeConfigPatch = {}): NudgeConfigPatch {
  const rules = Object.fromEntries(NUDGE_KINDS.map((k) => [k, { enabled: k === kind }]));
  return { smileGoal: kind === 'noSmile', ...patch, rules: { ...rules, ...patch.rules } };
}

const cap12 = recordedClip('cap12_edit').seconds;
const cap13 = recordedClip('cap13_edit2').seconds;
const real = [...cap12, ...cap13];
const lookingAt = (a: SecondAggregate) => a.cues!.gazeAtCamera.above >= 0.5;
/** The recorded seconds in which the person mostly did not look at the camera. */
const away = real.filter((a) => !lookingAt(a));
const looking = real.filter(lookingAt);
// Real stills, one frame frozen into whole seconds (no blinks), for what the clips never show.
const dark = stillSecond('C/dark_backlit/backlit_london004_neutral.jpg');
const noFace = stillSecond('C/no_face/coffee.png');
const tiny = stillSecond('C/tiny/tiny_london004_smiling.jpg');
const furrowed = stillSecond('A/pd/obama_small.jpg'); // brows drawn together (0.81), centred, looking at the camera
const offCentre = stillSecond('A/mediapipe_ref/business-person.png'); // face centre far right, looking at the camera
// Brows drawn together, looking away, face small and at the edge: every rule's pattern at once.
const everything = stillSecond('A/pd/biden.jpg');

describe('what the recorded clips contain', () => {
  it('two people in good light, mostly looking at the camera, hardly blinking by the counter', () => {
    const summary = (secs: SecondAggregate[]) => ({
      seconds: secs.length,
      gated: secs.filter((a) => a.quality >= 0.5 && a.faceFrames > 0).length,
      lookingShare: Math.round((secs.filter(lookingAt).length / secs.length) * 100) / 100,
      blinks: secs.reduce((n, a) => n + a.blinks, 0),
      smileSeconds: secs.filter((a) => a.cues!.smile.max > 0.5).map((a) => a.t),
      furrowSeconds: secs.filter((a) => a.cues!.browFurrow.above >= 0.5).length,
      framingOff: secs.filter((a) => a.cues!.faceCentered.mean < 0.5 || a.cues!.faceSize.mean < 0.18 || a.cues!.faceSize.mean > 0.6).length,
    });
    const s12 = summary(cap12), s13 = summary(cap13);
    console.log('cap12_edit', JSON.stringify(s12), '\ncap13_edit2', JSON.stringify(s13));
    // Smile seconds 7–9: rater r1 labelled exactly these as smiling (test/validation/labels/cap12.r1.tsv).
    expect(s12).toEqual({ seconds: 53, gated: 53, lookingShare: 0.79, blinks: 1, smileSeconds: [7, 8, 9], furrowSeconds: 0, framingOff: 0 });
    expect(s13).toEqual({ seconds: 30, gated: 30, lookingShare: 0.97, blinks: 1, smileSeconds: [], furrowSeconds: 0, framingOff: 0 });
    expect(away).toHaveLength(12);
  });

  it('judges the seconds as the rules see them', () => {
    const v = cap12.map((a, i) => judgeSecond(a, end(i), DEFAULT_NUDGE_CONFIG));
    expect(v.every((x) => x.ok)).toBe(true);
    expect(v.filter((x) => x.away).length).toBe(11);
    expect(v.filter((x) => x.smiled).length).toBe(3);
    expect(judgeSecond(dark, 0, DEFAULT_NUDGE_CONFIG)).toMatchObject({ ok: false, away: false, second: null });
    expect(judgeSecond(everything, 0, DEFAULT_NUDGE_CONFIG)).toMatchObject({ ok: true, away: true, furrow: true, smiled: false, framing: 'tooFar' });
  });
});

/** lowBlink is off by default (see nudge-config.ts); tests of its behaviour turn it on. */
const LOW_BLINK_ON = { rules: { lowBlink: { enabled: true } } } as const;

describe('real calls looped to 5 minutes', () => {
  // Both people blink rarely in these clips (labelled: 2 blinks in 53 s, 1 in 31 s). The closed-share
  // estimate (lib/cues/blink-rate) reads about 1 and 4 a minute — cap13's lowered-lid glance at 4 s
  // counts as closed time — both under 5, so lowBlink, turned on, fires once at 2 minutes.
  it.each([
    ['cap12_edit', cap12, "You've blinked about once a minute for about 2 minutes — a few slow, full blinks rest the eyes."],
    ['cap13_edit2', cap13, "You've blinked about 4 times a minute for about 2 minutes — a few slow, full blinks rest the eyes."],
  ] as const)('%s with lowBlink turned on: only lowBlink, once, at 2 minutes', (_name, secs, message) => {
    const fired = run(engineOf(LOW_BLINK_ON), loop(secs, 300));
    expect(fired).toEqual([{ s: 120, kind: 'lowBlink', message }]);
  });

  it.each([['cap12_edit', cap12], ['cap13_edit2', cap13]] as const)('%s with the defaults: no nudge in 5 minutes', (_name, secs) => {
    expect(run(engineOf(), loop(secs, 300))).toEqual([]);
  });

  it('with a smile goal: cap13 (no smile at all) gets a reminder at 3 minutes; cap12 (a smile each loop) none', () => {
    const goal = { smileGoal: true, rules: { lowBlink: { enabled: false } } };
    expect(run(engineOf(goal), loop(cap13, 300))).toEqual([
      { s: 180, kind: 'noSmile', message: 'No smile for about 3 minutes — a reminder of your smile goal.' },
    ]);
    expect(run(engineOf(goal), loop(cap12, 300))).toEqual([]);
  });

  it('without a smile goal, noSmile never runs even if enabled', () => {
    expect(run(engineOf({ smileGoal: false, rules: { lowBlink: { enabled: false }, noSmile: { enabled: true } } }), loop(cap13, 400))).toEqual([]);
  });

  it('spaces two due rules by the global cooldown: lowBlink at 2:00, noSmile (due at 3:00) at 4:00', () => {
    expect(when(run(engineOf({ smileGoal: true, ...LOW_BLINK_ON }), loop(cap13, 300)))).toEqual([[120, 'lowBlink'], [240, 'noSmile']]);
  });
});

describe('lookAway', () => {
  it('fires after 75 s built from the clips\' own look-away seconds', () => {
    expect(run(engineOf(only('lookAway')), loop(away, 300))).toEqual([
      { s: 75, kind: 'lookAway', message: "You've barely looked at the camera for about a minute." },
    ]);
  });

  it('stays silent on the clips\' looking seconds', () => {
    expect(run(engineOf(only('lookAway')), loop(looking, 600))).toEqual([]);
  });

  it('fires when 60 of the last 75 s are away, not 59', () => {
    // Per 75-s block: 60 or 59 away seconds, the rest looking (looking first, so the window is mixed).
    const block = (n: number) => [...looking.slice(0, 75 - n), ...loop(away, n)];
    expect(when(run(engineOf(only('lookAway')), block(60)))).toEqual([[75, 'lookAway']]);
    expect(run(engineOf(only('lookAway')), block(59))).toEqual([]);
  });

  it('repeats a persistent pattern only after its 5-minute cooldown', () => {
    expect(when(run(engineOf(only('lookAway')), loop(away, 800)))).toEqual([[75, 'lookAway'], [375, 'lookAway'], [675, 'lookAway']]);
  });

  it('says nothing while the face is not visible', () => {
    expect(run(engineOf(), loop([noFace], 600))).toEqual([]);
  });
});

describe('seconds that fail the quality gate make no verdict', () => {
  const pattern = (aw: number, lk: number, dk: number) => loop([...loop(away, aw), ...looking.slice(0, lk), ...loop([dark], dk)], 300);

  it('do not count against a rule: 11 away, 2 looking, 2 dark per 15 s fires (11/13 ≥ 80%) as early as all-away', () => {
    // Had the dark seconds counted as "looking", 11/15 = 73% would not fire.
    expect(when(run(engineOf(only('lookAway')), pattern(11, 2, 2)))).toEqual([[75, 'lookAway']]);
  });

  it('do not count toward a rule: 10 away, 3 looking, 2 dark per 15 s stays silent (10/13 < 80%)', () => {
    // Had the dark seconds counted as "away", 12/15 = 80% would fire.
    expect(run(engineOf(only('lookAway')), pattern(10, 3, 2))).toEqual([]);
  });

  it('a window with too few judged seconds says nothing, whatever the judged ones show', () => {
    // Every other second dark: the judged half is all away, but 50% judged < 80% needed.
    expect(run(engineOf(), loop([away[0]!, dark], 600))).toEqual([]);
    expect(run(engineOf(), loop([dark], 600))).toEqual([]);
  });

  it('blinks are counted only in judged seconds', () => {
    // Real seconds with one blink every 10 s (6 a minute): no lowBlink.
    const i = cap12.findIndex((a) => a.blinks > 0);
    const blinkEvery10 = cap12.slice(i, i + 10);
    expect(run(engineOf(only('lowBlink')), loop(blinkEvery10, 300))).toEqual([]);
    // Synthetic: the same, but the blink's second fails the gate (a recorded dark second has no
    // blinks to drop). Its blink then does not count: 0 blinks in the 90% judged → lowBlink at 2:00.
    const unjudgedBlink = [{ ...blinkEvery10[0]!, quality: 0.3, qualityIssue: 'tooDark' as const }, ...blinkEvery10.slice(1)];
    expect(when(run(engineOf(only('lowBlink')), loop(unjudgedBlink, 300)))).toEqual([[120, 'lowBlink']]);
  });
});

describe('browFurrow', () => {
  // The clips never draw the brows together (max 0.24): a held furrow comes from a real still.
  it('fires after 90 s of drawn-together brows', () => {
    expect(run(engineOf(only('browFurrow')), loop([furrowed], 300))).toEqual([
      { s: 90, kind: 'browFurrow', message: 'Your brows have been drawn together for a while — relax your forehead?' },
    ]);
  });

  it('needs 70% of the window: 8 of 10 s fires, 6 of 10 s does not', () => {
    const mix = (n: number) => loop([...loop([furrowed], n), ...cap13.slice(0, 10 - n)], 300);
    expect(when(run(engineOf(only('browFurrow')), mix(8)))).toEqual([[90, 'browFurrow']]);
    expect(run(engineOf(only('browFurrow')), mix(6))).toEqual([]);
  });

  it('does not fire for someone whose brows rest low, once they are calibrated', () => {
    const frame = still('A/pd/obama_small.jpg');
    // The photo smiles; a calibration is a relaxed mouth (a smiling one is refused), so its smile is taken out.
    const b = computeBaseline(Array.from({ length: 30 }, () => ({ ...frame, cues: { ...frame.cues!, smile: 0.02 } })));
    if (!isBaseline(b)) throw new Error(b.error);
    const second = aggregateSecond(0, Array.from({ length: 10 }, () => normaliseFrame(frame, b)), 0);
    expect(run(engineOf(only('browFurrow')), loop([second], 300))).toEqual([]);
  });
});

describe('framing', () => {
  it('fires after 30 s off-centre', () => {
    const engine = engineOf(only('framing'));
    const fired = loop([offCentre], 100).map((a, i) => engine.push(a, end(i))).filter((n) => n !== null);
    expect(fired).toEqual([{ kind: 'framing', framing: 'offCentre', at: end(29), message: 'Your face has been off-centre for a while — move toward the middle of the picture?', text: { key: 'framing.offCentre' } }]);
  });

  it('says "too far" for a small face that still passes the gate', () => {
    expect(run(engineOf(only('framing')), loop([everything], 100))).toEqual([
      { s: 30, kind: 'framing', message: "You've been far from the camera for a while — move a little closer?" },
    ]);
  });

  it('leaves a face too small to read to the gate message', () => {
    expect(run(engineOf(only('framing')), loop([tiny], 300))).toEqual([]);
  });

  it('says "too close" for a face filling the picture', () => {
    // Synthetic: no recording has a face that close; real cap13 seconds with faceSize set to 0.7.
    const close = cap13.map((a) => ({ ...a, cues: { ...a.cues!, faceSize: { mean: 0.7, max: 0.72, above: 1 } } }));
    expect(run(engineOf(only('framing')), loop(close, 100))).toEqual([
      { s: 30, kind: 'framing', message: "You've been very close to the camera for a while — lean back a little?" },
    ]);
  });

  it('ignores brief leans: 20 of 30 s off-centre is not enough', () => {
    expect(run(engineOf(only('framing')), loop([...loop([offCentre], 20), ...cap13.slice(0, 10)], 300))).toEqual([]);
  });
});

describe('at most one nudge at a time', () => {
  it('lets persistent patterns take turns, 2 minutes apart, none starving', () => {
    const fired = run(engineOf({ smileGoal: true, ...LOW_BLINK_ON }), loop([everything], 800));
    expect(when(fired)).toEqual([
      [30, 'framing'], [150, 'lookAway'], [270, 'browFurrow'], [390, 'lowBlink'], [510, 'noSmile'], [630, 'framing'], [750, 'lookAway'],
    ]);
  });

  it('quiet mode says nothing, and the evidence is ready when it ends', () => {
    const engine = engineOf({ quiet: true, ...only('lookAway') });
    expect(run(engine, loop(away, 300))).toEqual([]);
    engine.configure({ quiet: false });
    expect(when(run(engine, loop(away, 10), 300))).toEqual([[301, 'lookAway']]);
  });

  it('a disabled kind never fires; the others still do', () => {
    const engine = engineOf({ rules: { lookAway: { enabled: false }, lowBlink: { enabled: true } } });
    expect(when(run(engine, loop(away, 300)))).toEqual([[120, 'lowBlink']]);
    engine.configure({ rules: { lowBlink: { enabled: false } } });
    expect(run(engine, loop(away, 600), 300)).toEqual([]);
  });

  it('after a pause the window holds only what was seen since', () => {
    const engine = engineOf(only('lookAway'));
    expect(run(engine, loop(away, 50))).toEqual([]);
    // Ten minutes later: 60 judged away seconds are needed again within the window.
    expect(when(run(engine, loop(away, 100), 650))).toEqual([[710, 'lookAway']]);
  });
});

describe('"not helpful" adaptation', () => {
  it('adaptThreshold lengthens by 25% per step up to twice the default', () => {
    expect(adaptThreshold()).toBe(1.25);
    const steps = [1];
    for (let i = 0; i < 5; i++) steps.push(adaptThreshold(steps.at(-1)));
    expect(steps).toEqual([1, 1.25, 1.5625, 1.953125, ADAPT_MAX, ADAPT_MAX]);
    expect(adaptedTiming(75, 300, 1.25)).toEqual({ windowS: 94, cooldownS: 375 });
    expect(adaptedTiming(75, 300, 10)).toEqual({ windowS: 150, cooldownS: 600 });
  });

  it('makes only that rule need a longer stretch', () => {
    const engine = engineOf(only('lookAway'));
    expect(engine.markNotHelpful('lookAway')).toEqual({ version: 1, factor: { lookAway: 1.25 } });
    expect(engine.timing('lookAway')).toEqual({ windowS: 94, cooldownS: 375 });
    expect(engine.timing('browFurrow')).toEqual({ windowS: 90, cooldownS: 300 });
    expect(run(engine, loop(away, 300))).toEqual([
      { s: 94, kind: 'lookAway', message: "You've barely looked at the camera for about a minute and a half." },
    ]);
  });

  it('makes a persistent pattern come up less often: 4 nudges in 20 minutes by default, 2 at the cap', () => {
    const stream = loop(away, 1200);
    expect(run(engineOf(only('lookAway')), stream)).toHaveLength(4);
    const adapted = engineOf(only('lookAway'));
    for (let i = 0; i < 6; i++) adapted.markNotHelpful('lookAway');
    expect(when(run(adapted, stream))).toEqual([[150, 'lookAway'], [750, 'lookAway']]);
  });

  it('is plain JSON that a new engine picks up', () => {
    const a = engineOf();
    a.markNotHelpful('browFurrow');
    a.markNotHelpful('browFurrow');
    const stored = JSON.parse(JSON.stringify(a.adaptation)) as unknown;
    const b = engineOf(only('browFurrow'), stored);
    expect(b.timing('browFurrow')).toEqual({ windowS: 141, cooldownS: 469 });
    expect(when(run(b, loop([furrowed], 300)))).toEqual([[141, 'browFurrow']]);
  });

  it('resets one kind or all', () => {
    const engine = engineOf();
    engine.markNotHelpful('lookAway');
    engine.markNotHelpful('framing');
    expect(engine.resetAdaptation('lookAway')).toEqual({ version: 1, factor: { framing: 1.25 } });
    expect(engine.timing('lookAway').windowS).toBe(75);
    expect(engine.resetAdaptation()).toEqual(NO_ADAPTATION);
    expect(engine.timing('framing').windowS).toBe(30);
  });

  it('reads a damaged or outdated stored state as none, and clamps factors', () => {
    expect(parseAdaptation(null)).toEqual(NO_ADAPTATION);
    expect(parseAdaptation({ version: 0, factor: { lookAway: 2 } })).toEqual(NO_ADAPTATION);
    expect(parseAdaptation({ version: 1, factor: { lookAway: 99, framing: 'x', nope: 1.5, browFurrow: 0.5 } })).toEqual({ version: 1, factor: { lookAway: ADAPT_MAX } });
    expect(engineOf({}, 'garbage').adaptation).toEqual(NO_ADAPTATION);
  });
});

describe('aboutDuration', () => {
  it('rounds to the half minute, halfway cases down', () => {
    expect([60, 75, 94, 120, 141, 150, 180, 360].map(aboutDuration)).toEqual([
      'about a minute', 'about a minute', 'about a minute and a half', 'about 2 minutes',
      'about 2 and a half minutes', 'about 2 and a half minutes', 'about 3 minutes', 'about 6 minutes',
    ]);
  });
});

describe('the reliability gate', () => {
  it('keeps a nudge kind silent when its cue was not measured well enough, however strong the pattern', () => {
    const gated = new NudgeEngine(only('framing'), NO_ADAPTATION, trustedTable(['faceCentered']));
    expect(run(gated, loop([everything], 100))).toEqual([]);
    expect(when(run(engineOf(only('framing')), loop([everything], 100)))).toEqual([[30, 'framing']]);
  });

  it('judges the smile reminder by the calibrated figure only when the person is calibrated', () => {
    const table = trustedTable(['smileUncalibrated']);
    const goal = only('noSmile');
    expect(run(new NudgeEngine(goal, NO_ADAPTATION, table), loop([everything], 300))).toEqual([]);
    expect(when(run(new NudgeEngine({ ...goal, calibrated: true }, NO_ADAPTATION, table), loop([everything], 300)))).toEqual([[180, 'noSmile']]);
  });

  it('with the shipped figures, lets through exactly the kinds whose cues are trusted', () => {
    // Whatever measured.json holds: a kind fires on the pattern that has all of them iff the gate says so.
    const fired = new Set(run(new NudgeEngine({ smileGoal: true, ...LOW_BLINK_ON, globalCooldownS: 1 }), loop([everything], 800)).map((f) => f.kind));
    for (const k of NUDGE_KINDS) expect(fired.has(k), k).toBe(nudgeTrusted(k, false));
  });
});
