/**
 * Settings › Nudges: quiet mode, which nudges may appear (each described with its default timing),
 * the smile goal, and resetting what "not helpful" answers taught Selfview.
 */
import { useRef } from 'preact/hooks';
import { NO_ADAPTATION, DEFAULT_NUDGE_CONFIG, NUDGE_KINDS, parseAdaptation, type NudgeKind } from '@/lib/feedback/nudge-config';
import { aboutDuration } from '@/lib/feedback/nudge-rules';
import { nudgeAdaptation, nudgePrefs, type NudgePrefs } from '@/lib/feedback/items';
import { OptionsSection, parsePrefs, useSaveStatus, useStored } from './OptionsShared';

/** The order on the page: the smile reminder and the off-by-default blink count last. */
const ORDER: readonly NudgeKind[] = ['framing', 'lookAway', 'browFurrow', 'noSmile', 'lowBlink'];

/** Plain-language name of each nudge kind. */
export const NUDGE_LABEL: Record<NudgeKind, string> = {
  framing: 'Framing — face centred and at a good distance',
  lookAway: 'Looking at the camera',
  browFurrow: 'Brows held drawn together',
  noSmile: 'Smile reminder',
  lowBlink: 'Few blinks',
};

const r = DEFAULT_NUDGE_CONFIG.rules;
const most = (share: number) => (share >= 1 ? 'all' : share >= 0.5 ? 'most' : `${Math.round(share * 100)}%`);

/** When each nudge appears, from the default thresholds (adaptation may lengthen the stretches). */
export const NUDGE_WHEN: Record<NudgeKind, string> = {
  framing: `When your face has been off-centre, too far from or too close to the camera for ${most(r.framing.share)} of the last ${r.framing.windowS} seconds.`,
  lookAway: `When you have mostly not looked at the camera for ${aboutDuration(r.lookAway.windowS)}; glances at notes in between do not reset it.`,
  browFurrow: `When your brows have stayed drawn together for ${most(r.browFurrow.share)} of the last ${r.browFurrow.windowS} seconds; brief furrows come and go without a nudge.`,
  noSmile: `When you have not smiled once in ${aboutDuration(r.noSmile.windowS)}. Only with the smile goal below turned on.`,
  lowBlink: `When you have blinked fewer than ${r.lowBlink.perMin} times a minute for ${aboutDuration(r.lowBlink.windowS)}. Off by default: at the low frame rates Selfview analyses, blink counting misses short blinks, so it would appear for almost everyone.`,
};

/** "waits 56% longer" for a factor of 1.5625. */
const longer = (factor: number) => `${Math.round((factor - 1) * 100)}% longer`;

export function OptionsNudges() {
  const storedPrefs = useStored(nudgePrefs, parsePrefs);
  const storedAdaptation = useStored(nudgeAdaptation, parseAdaptation);
  const { status, save } = useSaveStatus();
  const adaptedText = useRef<HTMLParagraphElement>(null);
  const prefs = storedPrefs.value;
  const adaptation = storedAdaptation.value;
  if (!prefs || !adaptation) return null;

  const adapted = NUDGE_KINDS.filter((k) => (adaptation.factor[k] ?? 1) > 1);
  /** A checkbox's change as a prefs change (read now: the event is gone by the time the write runs). */
  const onToggle = (change: (on: boolean, p: NudgePrefs) => NudgePrefs) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    void save(() => storedPrefs.change((p) => change(on, p)));
  };

  return (
    <OptionsSection id="nudges" title="Nudges" status={status}>
      <p class="muted">
        Now and then, during a call, Selfview can point out a movement or position that has lasted a while. At most one nudge every{' '}
        {DEFAULT_NUDGE_CONFIG.globalCooldownS / 60} minutes, and the same one not again for {DEFAULT_NUDGE_CONFIG.kindCooldownS / 60} minutes.
      </p>
      <div class="check">
        <input type="checkbox" id="quiet" checked={prefs.quiet} data-testid="quiet-toggle" aria-describedby="quiet-hint"
          onChange={onToggle((on, p) => ({ ...p, quiet: on }))} />
        <label for="quiet">Quiet mode — no nudges</label>
        <span class="hint" id="quiet-hint">Selfview keeps analysing as usual; it just says nothing until you turn this off.</span>
      </div>
      <fieldset data-testid="nudge-kinds">
        <legend>Which nudges may appear</legend>
        {prefs.quiet && <p class="hint" data-testid="quiet-note">Quiet mode is on: none of these appear for now.</p>}
        {ORDER.map((k) => (
          <div class="check" key={k}>
            <input type="checkbox" id={`nudge-${k}`} checked={prefs.enabled[k]} data-testid={`nudge-${k}`} aria-describedby={`nudge-${k}-hint`}
              onChange={onToggle((on, p) => ({ ...p, enabled: { ...p.enabled, [k]: on } }))} />
            <label for={`nudge-${k}`}>{NUDGE_LABEL[k]}</label>
            <span class="hint" id={`nudge-${k}-hint`} data-testid={`nudge-${k}-desc`}>{NUDGE_WHEN[k]}</span>
          </div>
        ))}
      </fieldset>
      <div class="check">
        <input type="checkbox" id="smile-goal" checked={prefs.smileGoal} data-testid="smile-goal" aria-describedby="smile-goal-hint"
          // Setting the goal is asking for the reminder: it is turned on with it.
          onChange={onToggle((on, p) => ({ ...p, smileGoal: on, enabled: on ? { ...p.enabled, noSmile: true } : p.enabled }))} />
        <label for="smile-goal">I want to smile more (enables the smile reminder)</label>
        <span class="hint" id="smile-goal-hint">Your own goal: without it Selfview never comments on smiling.</span>
      </div>
      <div class="field">
        <p data-testid="adapted-kinds" id="adapted-kinds" ref={adaptedText} tabIndex={-1}>
          {adapted.length === 0
            ? 'Nothing learned yet: every nudge uses its default timing.'
            : `From your "not helpful" answers, Selfview waits longer before: ${adapted.map((k) => `${NUDGE_LABEL[k]} (${longer(adaptation.factor[k]!)})`).join('; ')}.`}
        </p>
        <button type="button" data-testid="reset-adaptation" disabled={adapted.length === 0} aria-describedby="adapted-kinds"
          onClick={() => {
            // The button is disabled once nothing is adapted: keep keyboard focus nearby, on what it changed.
            adaptedText.current?.focus();
            void save(() => storedAdaptation.change(() => NO_ADAPTATION), 'Reset');
          }}>
          Reset what “not helpful” taught Selfview
        </button>
      </div>
    </OptionsSection>
  );
}
