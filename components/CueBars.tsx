import type { FaceCues } from '@/lib/cues/types';
import { CUE_LABEL } from '@/lib/labels';

const BARS = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed', 'gazeAtCamera', 'faceCentered'] as const;

/** Compact live view of the face cues: one bar per 0..1 movement plus head pose in degrees. */
export function CueBars({ cues }: { cues: FaceCues | null }) {
  return (
    <div class="cue-bars" data-testid="cue-bars" aria-live="off">
      {BARS.map((name) => {
        const v = cues ? cues[name] : 0;
        return (
          <div class="cue-row" key={name} data-cue={name} data-value={cues ? v.toFixed(3) : ''}>
            <span class="cue-label">{CUE_LABEL[name]}</span>
            <span class="bar" role="meter" aria-label={CUE_LABEL[name]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(v * 100)}>
              <span class="fill" style={{ width: `${Math.round(v * 100)}%` }} />
            </span>
          </div>
        );
      })}
      <div class="pose" data-cue="headPose">
        {cues ? (
          <>
            <span data-cue="headYaw" data-value={cues.headYaw.toFixed(1)}>turn {fmtDeg(cues.headYaw)}</span>
            <span data-cue="headPitch" data-value={cues.headPitch.toFixed(1)}>up/down {fmtDeg(cues.headPitch)}</span>
            <span data-cue="headRoll" data-value={cues.headRoll.toFixed(1)}>tilt {fmtDeg(cues.headRoll)}</span>
            <span data-cue="faceSize" data-value={cues.faceSize.toFixed(3)}>face {Math.round(cues.faceSize * 100)}% of height</span>
          </>
        ) : (
          <span>—</span>
        )}
      </div>
    </div>
  );
}

const fmtDeg = (d: number): string => `${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d))}°`;
