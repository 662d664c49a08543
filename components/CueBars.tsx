import type { FaceCues } from '@/lib/cues/types';
import { cueLabel, pct, t } from '@/lib/i18n';

const BARS = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed', 'gazeAtCamera', 'faceCentered'] as const;

/** Compact live view of the face cues: one bar per 0..1 movement plus head pose in degrees. */
export function CueBars({ cues }: { cues: FaceCues | null }) {
  return (
    <div class="cue-bars" data-testid="cue-bars" aria-live="off">
      {BARS.map((name) => {
        const v = cues ? cues[name] : 0;
        return (
          <div class="cue-row" key={name} data-cue={name} data-value={cues ? v.toFixed(3) : ''}>
            <span class="cue-label">{cueLabel(name)}</span>
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
            <span data-cue="headRoll" data-value={cues.headRoll.toFixed(1)}>{t('pose.tilt', { deg: fmtDeg(cues.headRoll) })}</span>
            <span data-cue="faceSize" data-value={cues.faceSize.toFixed(3)}>{t('pose.faceSize', { pct: pct(cues.faceSize) })}</span>
          </>
        ) : (
          <span>—</span>
        )}
      </div>
    </div>
  );
}

const fmtDeg = (d: number): string => `${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d))}°`;
