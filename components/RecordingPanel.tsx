import { useState } from 'preact/hooks';
import { analyseFile } from '@/lib/client/recording';
import type { AnalysisRow } from '@/lib/analysis/rows';
import { CUE_LABEL, QUALITY_ISSUE_TEXT } from '@/lib/labels';

const SHOWN = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed', 'gazeAtCamera'] as const;

/** "Analyse a recording": a local photo or video, analysed on this device, shown per second. */
export function RecordingPanel() {
  const [rows, setRows] = useState<AnalysisRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setRows([]);
    setError(null);
    setProgress(0);
    try {
      setRows(await analyseFile(file, { onProgress: setProgress }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section class="card" aria-labelledby="rec-title">
      <h2 id="rec-title">Analyse a recording</h2>
      <p class="muted">Pick a photo or video of yourself. It is read on this device only and never stored or sent.</p>
      <input type="file" accept="image/*,video/*" data-testid="recording-input" aria-label="Photo or video file"
        onChange={(e) => void onFile((e.currentTarget as HTMLInputElement).files?.[0])} />
      {progress !== null && <progress max={1} value={progress} aria-label="Analysing" data-testid="recording-progress" />}
      {error && <p class="error" role="alert" data-testid="recording-error">{error}</p>}
      {rows.length > 0 && (
        <table class="rows" data-testid="recording-rows">
          <thead>
            <tr>
              <th scope="col">{rows[0]?.t === undefined ? 'Photo' : 'Second'}</th>
              <th scope="col">Faces</th>
              <th scope="col">Tracking</th>
              {SHOWN.map((n) => <th scope="col" key={n}>{CUE_LABEL[n]}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.file}-${r.t ?? 0}`}>
                <td>{r.t === undefined ? r.file : `${r.t}s`}</td>
                <td>{r.faces}</td>
                <td title={r.qualityIssue ? QUALITY_ISSUE_TEXT[r.qualityIssue] : ''}>{Math.round(r.quality * 100)}%</td>
                {SHOWN.map((n) => <td key={n}>{r.cues[n] === null ? '—' : Math.round(r.cues[n]! * 100)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
