import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { consent, CONSENT_TEXT_VERSION, hasConsent } from '@/lib/consent/items';

/** First-run explanation and the opt-in. Nothing is analysed in a call before "I agree". */
export function OnboardingPage() {
  const [agreed, setAgreed] = useState<boolean | null>(null);
  useEffect(() => void hasConsent().then(setAgreed), []);
  const agree = async () => {
    await consent.setValue({ agreedAt: Date.now(), text: CONSENT_TEXT_VERSION });
    setAgreed(true);
  };
  const withdraw = async () => {
    await consent.setValue({ agreedAt: null, text: 0 });
    setAgreed(false);
  };
  return (
    <main>
      <h1>Welcome to Selfview</h1>
      <section class="card">
        <h2>What Selfview measures</h2>
        <p>
          While you are in a video call, Selfview looks at <strong>your own camera</strong> and measures what your face does:
          mouth corners up (a smile), brows raised or drawn together, mouth open, blinks, whether you look at the camera, how your
          head is turned, and where your face is in the picture. It reports <strong>movements, not feelings</strong> — a smile
          measurement is not happiness, and people move their faces differently.
        </p>
        <h2>What stays on this device</h2>
        <p>
          The picture is analysed on this computer. No image, video or face mesh is ever stored or sent anywhere; Selfview makes
          no network requests at all. It stores only numbers — one summary per second of a call (for example “smiling 20% of this
          second”) — in this browser, so you can look back at your calls.
        </p>
        <h2>You stay in control</h2>
        <p>
          Selfview starts only on call sites, and by default asks you at each call. You can pause or stop it from the toolbar button
          at any time, and the button shows when your camera is being analysed. Delete any of your data in the settings.
        </p>
      </section>
      <div class="controls">
        {agreed ? (
          <>
            <p data-testid="consent-state" role="status">Selfview is on for your calls. It will ask you at each call.</p>
            <button type="button" onClick={() => void withdraw()} data-testid="withdraw">Turn Selfview off for calls</button>{' '}
            <a href={browser.runtime.getURL('/options.html')}>Settings</a> · <a href={browser.runtime.getURL('/practice.html')}>Practise now</a>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void agree()} data-testid="agree" disabled={agreed === null}>I agree — use Selfview in my calls</button>{' '}
            <a href={browser.runtime.getURL('/practice.html')}>Just practise first</a>
          </>
        )}
      </div>
    </main>
  );
}
