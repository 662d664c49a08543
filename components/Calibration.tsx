import { useEffect, useState } from 'preact/hooks';
import { computeBaseline, isBaseline, NOT_CALIBRATED_TEXT, parseBaseline, type Baseline } from '@/lib/feedback/baseline';
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
  if (!isBaseline(b)) return b.error;
  await baselineItem.setValue({ id: crypto.randomUUID(), createdAt: Date.now(), baseline: b });
  return `Calibrated on ${b.used} of ${b.frames} frames. Readings are now shown relative to your relaxed face.`;
}

/** Calibration status and the button to (re)run it. */
export function CalibrationControl(props: { running: boolean; recording: boolean; message: string | null; onStart(): void; createdAt: number | null }) {
  return (
    <div class="calibration" data-testid="calibration">
      <p class="muted" data-testid="calibration-state">
        {props.createdAt ? `Calibrated to your relaxed face on ${new Date(props.createdAt).toLocaleString()}.` : NOT_CALIBRATED_TEXT}
      </p>
      {props.running && (
        <button type="button" class="secondary" onClick={props.onStart} disabled={props.recording} data-testid="calibrate">
          {props.recording ? 'Look at the camera with a relaxed face…' : props.createdAt ? 'Calibrate again (10 s)' : 'Calibrate to my relaxed face (10 s)'}
        </button>
      )}
      {props.message && <p role="status" data-testid="calibration-message">{props.message}</p>}
    </div>
  );
}
