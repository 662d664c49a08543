import { combinedReliability, cueReliability, smileKey } from '@/lib/cues/reliability';
import type { CueName, FaceCues } from '@/lib/cues/types';
import { cueLabel, pct, t } from '@/lib/i18n';
import { RoughMark } from './RoughMark';

const BARS = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed', 'gazeAtCamera', 'faceCentered'] as const;

/** The cue's standing; the smile's calibrated figure applies only with a baseline. */
const reliabilityOf = (name: CueName, calibrated: boolean) => cueReliability(name === 'smile' ? smileKey(calibrated) : name);

/**
 * Compact live view of the face cues: one bar per 0..1 movement plus head pose in degrees. Cues not
 * measured well enough carry a "rough" tag.
 */
export function CueBars({ cues, calibrated = false }: { cues: FaceCues | null; calibrated?: boolean }) {
  // The tags get a column of their own, so labels do not wrap and the bars stay aligned.
  const anyRough = BARS.some((name) => !reliabilityOf(name, calibrated).trusted);
  return (
    <div class={anyRough ? 'cue-bars with-rough' : 'cue-bars'} data-testid="cue-bars" aria-live="off">
      {BARS.map((name) => {
        const v = cues ? cues[name] : 0;
        return (
          <div class="cue-row" key={name} data-cue={name} data-value={cues ? v.toFixed(3) : ''}>
            <span class="cue-label">{cueLabel(name)}</span>
            {anyRough && <span class="cue-mark"><RoughMark r={reliabilityOf(name, calibrated)} /></span>}
            <span class="bar" role="meter" aria-label={cueLabel(name)} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(v * 100)}>
              <span class="fill" style={{ width: `${Math.round(v * 100)}%` }} />
            </span>
          </div>
        );
      })}
      <div class="pose" data-cue="headPose">
        {cues ? (
          <>
            <span data-cue="headYaw" data-value={cues.headYaw.toFixed(1)}>{t('pose.turn', { deg: fmtDeg(cues.headYaw) })}</span>
            <span data-cue="headPitch" data-value={cues.headPitch.toFixed(1)}>{t('pose.upDown', { deg: fmtDeg(cues.headPitch) })}</span>
            <span data-cue="headRoll" data-value={cues.headRoll.toFixed(1)}>{t('pose.tilt', { deg: fmtDeg(cues.headRoll) })}
              {/* One tag after the three head angles, for any of them: three would crowd the line. */}
              <RoughMark r={combinedReliability(['headYaw', 'headPitch', 'headRoll'])} named />
            </span>
            <span data-cue="faceSize" data-value={cues.faceSize.toFixed(3)}>{t('pose.faceSize', { pct: pct(cues.faceSize) })}<RoughMark r={reliabilityOf('faceSize', calibrated)} /></span>
          </>
        ) : (
          <span>—</span>
        )}
      </div>
    </div>
  );
}

const fmtDeg = (d: number): string => `${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d))}°`;
