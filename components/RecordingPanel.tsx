import { useState } from 'preact/hooks';
import { analyseFile } from '@/lib/client/recording';
import type { AnalysisRow } from '@/lib/analysis/rows';
import { cueLabel, pct, qualityIssueText, t } from '@/lib/i18n';

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
      <h2 id="rec-title">{t('recording.title')}</h2>
      <p class="muted">{t('recording.intro')}</p>
      <input type="file" accept="image/*,video/*" data-testid="recording-input" aria-label={t('recording.fileLabel')}
        onChange={(e) => void onFile((e.currentTarget as HTMLInputElement).files?.[0])} />
      {progress !== null && <progress max={1} value={progress} aria-label={t('recording.analysing')} data-testid="recording-progress" />}
      {error && <p class="error" role="alert" data-testid="recording-error">{error}</p>}
      {rows.length > 0 && (
        <table class="rows" data-testid="recording-rows">
          <thead>
            <tr>
              <th scope="col">{rows[0]?.t === undefined ? t('recording.photo') : t('recording.second')}</th>
              <th scope="col">{t('recording.faces')}</th>
              <th scope="col">{t('recording.tracking')}</th>
              {SHOWN.map((n) => <th scope="col" key={n}>{cueLabel(n)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.file}-${r.t ?? 0}`}>
                <td>{r.t === undefined ? r.file : t('recording.atSecond', { t: r.t })}</td>
                <td>{r.faces}</td>
                <td title={r.qualityIssue ? qualityIssueText(r.qualityIssue) : ''}>{pct(r.quality)}</td>
                {SHOWN.map((n) => <td key={n}>{r.cues[n] === null ? '—' : Math.round(r.cues[n]! * 100)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
