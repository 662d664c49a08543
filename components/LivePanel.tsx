import { useEffect, useRef, useState } from 'preact/hooks';
import { openCamera, releaseCamera } from '@/lib/client/camera';
import { LiveSession } from '@/lib/client/live-session';
import type { FrameCues } from '@/lib/cues/types';
import type { EngineStatus } from '@/lib/protocol/frame-port';
import { readSettings } from '@/lib/settings/items';
import { CueBars } from './CueBars';
import { CALIBRATION_MS, CalibrationControl, finishCalibration, useBaseline, type CalibrationRun } from './Calibration';
import { normaliseFrame } from '@/lib/feedback/baseline';
import { EngineLine } from './EngineLine';
import { LOW_QUALITY, QualityBadge } from './QualityBadge';
import { t } from '@/lib/i18n';

type Phase = 'idle' | 'starting' | 'running';

/** The live camera with its cues. Nothing starts until the user presses Start. */
export function LivePanel() {
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<LiveSession | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [status, setStatus] = useState<EngineStatus | null>(null);
  const [frame, setFrame] = useState<FrameCues | null>(null);
  const [fps, setFps] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [firstCueMs, setFirstCueMs] = useState<number | null>(null);
  const { baseline, createdAt } = useBaseline();
  const calibration = useRef<CalibrationRun | null>(null);
  const [calibrating, setCalibrating] = useState(false);
  const [calibrationMessage, setCalibrationMessage] = useState<string | null>(null);
  const startCalibration = () => {
    setCalibrationMessage(null);
    setCalibrating(true);
    calibration.current = { until: performance.now() + CALIBRATION_MS, frames: [] };
  };

  const stop = async () => {
    calibration.current = null;
    setCalibrating(false);
    const s = session.current;
    session.current = null;
    await s?.stop();
    if (video.current) video.current.srcObject = null;
    setPhase('idle');
    setFps(null);
  };
  useEffect(() => () => void stop(), []);

  const start = async () => {
    setError(null);
    setFrame(null);
    setFirstCueMs(null);
    setPhase('starting');
    const t0 = performance.now();
    let stream: MediaStream | null = null;
    try {
      stream = await openCamera();
      const v = video.current!;
      v.srcObject = stream;
      await v.play();
      const { sampleFps } = await readSettings();
      let first = true;
      session.current = await LiveSession.start(v, stream, sampleFps, {
        onStatus: setStatus,
        onFrame: (f, rate) => {
          if (first && f.result.cues) {
            first = false;
            setFirstCueMs(performance.now() - t0);
          }
          // Calibration records the raw cues; the display shows them relative to the baseline.
          const run = calibration.current;
          if (run) {
            run.frames.push(f.result);
            if (performance.now() >= run.until) {
              calibration.current = null;
              void finishCalibration(run.frames).then((m) => {
                setCalibrationMessage(m);
                setCalibrating(false);
              });
            }
          }
          setFrame(f.result);
          setFps(rate);
        },
        onSecond: () => undefined,
        onStopped: (reason) => {
          session.current = null;
          setError(reason);
          setPhase('idle');
          if (video.current) video.current.srcObject = null;
        },
      });
      setPhase('running');
    } catch (err) {
      releaseCamera(stream);
      await stop();
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const low = frame !== null && frame.quality < LOW_QUALITY;
  const shown = frame && baseline ? normaliseFrame(frame, baseline) : frame;
  return (
    <section class="card live" aria-labelledby="live-title" data-phase={phase} data-testid="live" data-first-cue-ms={firstCueMs?.toFixed(0) ?? ''}>
      <h2 id="live-title">{t('live.title')}</h2>
      <p class="muted">{t('live.intro')}</p>
      <div class="controls">
        {phase === 'idle' ? (
          <button type="button" onClick={() => void start()} data-testid="start">{t('live.start')}</button>
        ) : (
          <button type="button" onClick={() => void stop()} data-testid="stop" disabled={phase === 'starting' && !session.current}>{t('live.stop')}</button>
        )}
      </div>
      {error && <p class="error" role="alert" data-testid="live-error">{error}</p>}
      {phase !== 'idle' && <EngineLine status={status} fps={fps} />}
      <div class="stage" hidden={phase === 'idle'}>
        <video ref={video} muted playsInline class="mirror" aria-label={t('live.videoLabel')} data-testid="video" />
        <div class={low ? 'readout dim' : 'readout'}>
          {frame && <QualityBadge quality={frame.quality} issue={frame.qualityIssue} />}
          {frame && <p data-testid="faces">{t('live.faces', frame.faces)}</p>}
          <CueBars cues={shown?.cues ?? null} calibrated={baseline !== null} />
          <CalibrationControl running={phase === 'running'} recording={calibrating} message={calibrationMessage} onStart={startCalibration} createdAt={baseline ? createdAt : null} />
        </div>
      </div>
    </section>
  );
}
