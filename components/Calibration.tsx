import { useEffect, useState } from 'preact/hooks';
import { computeBaseline, isBaseline, parseBaseline, type Baseline } from '@/lib/feedback/baseline';
import { calibrationErrorText, fmtDateTime, t } from '@/lib/i18n';
import { baselineItem } from '@/lib/feedback/items';
import type { FrameCues } from '@/lib/cues/types';

/** How long the calibration records the relaxed face. */
export const CALIBRATION_MS = 10_000;

/** A calibration run: frames are fed in by the live panel while it records. */
export interface CalibrationRun {
  until: number;
  frames: FrameCues[];
}

/** The stored baseline (null when not calibrated), kept up to date. */
export function useBaseline(): { baseline: Baseline | null; createdAt: number | null } {
  const [state, setState] = useState<{ baseline: Baseline | null; createdAt: number | null }>({ baseline: null, createdAt: null });
  useEffect(() => {
    const set = (v: Awaited<ReturnType<typeof baselineItem.getValue>>) => setState({ baseline: v ? parseBaseline(v.baseline) : null, createdAt: v?.createdAt ?? null });
    void baselineItem.getValue().then(set);
    return baselineItem.watch(set);
  }, []);
  return state;
}

/** Turns recorded frames into a stored baseline, or a message saying why not. */
export async function finishCalibration(frames: FrameCues[]): Promise<string> {
  const b = computeBaseline(frames);
  if (!isBaseline(b)) return calibrationErrorText(b);
  await baselineItem.setValue({ id: crypto.randomUUID(), createdAt: Date.now(), baseline: b });
  return t('calibration.done', { used: b.used, frames: b.frames });
}

/** Calibration status and the button to (re)run it. */
export function CalibrationControl(props: { running: boolean; recording: boolean; message: string | null; onStart(): void; createdAt: number | null }) {
  return (
    <div class="calibration" data-testid="calibration">
      <p class="muted" data-testid="calibration-state">
        {props.createdAt ? t('calibration.calibratedOn', { date: fmtDateTime(props.createdAt) }) : t('calibration.notCalibrated')}
      </p>
      {props.running && (
        <button type="button" class="secondary" onClick={props.onStart} disabled={props.recording} data-testid="calibrate">
          {props.recording ? t('calibration.recording') : props.createdAt ? t('calibration.again') : t('calibration.first')}
        </button>
      )}
      {props.message && <p role="status" data-testid="calibration-message">{props.message}</p>}
    </div>
  );
}
