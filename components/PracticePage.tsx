import { LivePanel } from './LivePanel';
import { RecordingPanel } from './RecordingPanel';

/** The Practice page: the first thing a user can try, without any call. */
export function PracticePage() {
  return (
    <main>
      <header>
        <h1>Selfview practice</h1>
        <p>
          Private feedback on your own face. Selfview reports movements — not feelings — and keeps everything on this device.
          Tracking can be wrong, especially in poor light, with the head turned away, or when part of the face is hidden.
        </p>
      </header>
      <LivePanel />
      <RecordingPanel />
    </main>
  );
}
