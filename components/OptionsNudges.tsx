/**
 * Settings › Nudges: quiet mode, which nudges may appear (each described with its default timing),
 * the smile goal, and resetting what "not helpful" answers taught Selfview. A kind whose cue was not
 * measured well enough (`nudgeReliability`) carries a note with the figure that holds it back: the
 * engine does not fire it, whatever is ticked.
 */
import { useRef } from 'preact/hooks';
import { NO_ADAPTATION, DEFAULT_NUDGE_CONFIG, NUDGE_KINDS, parseAdaptation, type NudgeKind } from '@/lib/feedback/nudge-config';
import { halfMinutes } from '@/lib/feedback/nudge-rules';
import { durationText, pct, t } from '@/lib/i18n';
import { parseBaseline } from '@/lib/feedback/baseline';
import { baselineItem, nudgeAdaptation, nudgePrefs, type NudgePrefs, type StoredBaseline } from '@/lib/feedback/items';
import { nudgeReliability } from '@/lib/feedback/nudge-reliability';
import { reliabilityName, roughWhy } from '@/lib/i18n/reliability';
import { OptionsSection, parsePrefs, useSaveStatus, useStored } from './OptionsShared';

/** The order on the page: the smile reminder and the off-by-default blink count last. */
const ORDER: readonly NudgeKind[] = ['framing', 'lookAway', 'browFurrow', 'noSmile', 'lowBlink'];

/** Plain-language name of each nudge kind. */
export const nudgeLabel = (kind: NudgeKind): string => t(`options.nudges.label.${kind}`);

const r = DEFAULT_NUDGE_CONFIG.rules;
const most = (share: number) => (share >= 1 ? t('options.nudges.share.all') : share >= 0.5 ? t('options.nudges.share.most') : pct(share));
const about = (windowS: number) => durationText(halfMinutes(windowS));

/** When each nudge appears, from the default thresholds (adaptation may lengthen the stretches). */
export function nudgeWhen(kind: NudgeKind): string {
  switch (kind) {
    case 'framing':
      return t('options.nudges.when.framing', { share: most(r.framing.share), windowS: r.framing.windowS });
    case 'lookAway':
      return t('options.nudges.when.lookAway', { about: about(r.lookAway.windowS) });
    case 'browFurrow':
      return t('options.nudges.when.browFurrow', { share: most(r.browFurrow.share), windowS: r.browFurrow.windowS });
    case 'noSmile':
      return t('options.nudges.when.noSmile', { about: about(r.noSmile.windowS) });
    case 'lowBlink':
      return t('options.nudges.when.lowBlink', { perMin: r.lowBlink.perMin, about: about(r.lowBlink.windowS) });
  }
}

/** A stored calibration, if it is one (its baseline is checked where it matters: `hasBaseline`). */
const parseStored = (raw: unknown): StoredBaseline | null => (typeof raw === 'object' && raw !== null ? (raw as StoredBaseline) : null);
/** Whether the smile's calibrated figure applies: a calibration that still reads. */
const hasBaseline = (b: StoredBaseline | null | undefined): boolean => !!b && parseBaseline(b.baseline) !== null;

/** "56% longer" for a factor of 1.5625. */
const longer = (factor: number) => t('options.nudges.longer', { pct: pct(factor - 1) });

export function OptionsNudges() {
  const storedPrefs = useStored(nudgePrefs, parsePrefs);
  const storedAdaptation = useStored(nudgeAdaptation, parseAdaptation);
  const storedBaseline = useStored(baselineItem, parseStored);
  const { status, save } = useSaveStatus();
  const adaptedText = useRef<HTMLParagraphElement>(null);
  const prefs = storedPrefs.value;
  const adaptation = storedAdaptation.value;
  if (!prefs || !adaptation) return null;

  const calibrated = hasBaseline(storedBaseline.value);
  const adapted = NUDGE_KINDS.filter((k) => (adaptation.factor[k] ?? 1) > 1);
  /** A checkbox's change as a prefs change (read now: the event is gone by the time the write runs). */
  const onToggle = (change: (on: boolean, p: NudgePrefs) => NudgePrefs) => (e: Event) => {
    const on = (e.currentTarget as HTMLInputElement).checked;
    void save(() => storedPrefs.change((p) => change(on, p)));
  };

  return (
    <OptionsSection id="nudges" title={t('options.nudges.title')} status={status}>
      <p class="muted">
        {t('options.nudges.intro', { every: DEFAULT_NUDGE_CONFIG.globalCooldownS / 60, again: DEFAULT_NUDGE_CONFIG.kindCooldownS / 60 })}
      </p>
      <div class="check">
        <input type="checkbox" id="quiet" checked={prefs.quiet} data-testid="quiet-toggle" aria-describedby="quiet-hint"
          onChange={onToggle((on, p) => ({ ...p, quiet: on }))} />
        <label for="quiet">{t('options.nudges.quiet')}</label>
        <span class="hint" id="quiet-hint">{t('options.nudges.quietHint')}</span>
      </div>
      <fieldset data-testid="nudge-kinds">
        <legend>{t('options.nudges.kinds')}</legend>
        {prefs.quiet && <p class="hint" data-testid="quiet-note">{t('options.nudges.quietNote')}</p>}
        {ORDER.map((k) => {
          const rel = nudgeReliability(k, calibrated);
          // Untrusted: the choice can still be made and is kept (it applies once the cue is measured
          // well enough), but the note says plainly that the engine will not fire it meanwhile.
          return (
            <div class={rel.trusted ? 'check' : 'check held-back'} key={k} data-trusted={rel.trusted ? 'true' : 'false'}>
              <input type="checkbox" id={`nudge-${k}`} checked={prefs.enabled[k]} data-testid={`nudge-${k}`}
                aria-describedby={rel.trusted ? `nudge-${k}-hint` : `nudge-${k}-hint nudge-${k}-rough`}
                onChange={onToggle((on, p) => ({ ...p, enabled: { ...p.enabled, [k]: on } }))} />
              <label for={`nudge-${k}`}>{nudgeLabel(k)}</label>
              <span class="hint" id={`nudge-${k}-hint`} data-testid={`nudge-${k}-desc`}>{nudgeWhen(k)}</span>
              {!rel.trusted && (
                <span class="hint rough-note" id={`nudge-${k}-rough`} data-testid={`nudge-${k}-rough`}>
                  {t('reliability.nudgeOff', { cue: reliabilityName(rel.key), why: roughWhy(rel) })}{' '}
                  <a href="#measurements-title" data-testid={`nudge-${k}-about`}>{t('reliability.about.title')}</a>
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      <div class="check">
        <input type="checkbox" id="smile-goal" checked={prefs.smileGoal} data-testid="smile-goal" aria-describedby="smile-goal-hint"
          // Setting the goal is asking for the reminder: it is turned on with it.
          onChange={onToggle((on, p) => ({ ...p, smileGoal: on, enabled: on ? { ...p.enabled, noSmile: true } : p.enabled }))} />
        <label for="smile-goal">{t('options.nudges.smileGoal')}</label>
        <span class="hint" id="smile-goal-hint">{t('options.nudges.smileGoalHint')}</span>
      </div>
      <div class="field">
        <p data-testid="adapted-kinds" id="adapted-kinds" ref={adaptedText} tabIndex={-1}>
          {adapted.length === 0
            ? t('options.nudges.nothingLearned')
            : t('options.nudges.adapted', {
              list: adapted.map((k) => t('options.nudges.adaptedItem', { label: nudgeLabel(k), longer: longer(adaptation.factor[k]!) })).join('; '),
            })}
        </p>
        <button type="button" data-testid="reset-adaptation" disabled={adapted.length === 0} aria-describedby="adapted-kinds"
          onClick={() => {
            // The button is disabled once nothing is adapted: keep keyboard focus nearby, on what it changed.
            adaptedText.current?.focus();
            void save(() => storedAdaptation.change(() => NO_ADAPTATION), t('options.nudges.resetDone'));
          }}>
          {t('options.nudges.reset')}
        </button>
      </div>
    </OptionsSection>
  );
}
