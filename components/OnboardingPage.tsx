import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { consent, CONSENT_TEXT_VERSION, hasConsent } from '@/lib/consent/items';
import { localisePage, rich, t } from '@/lib/i18n';
import { RetentionSelect } from './RetentionSelect';

/** First-run explanation, how long calls are kept (chosen here), and the opt-in. Nothing is analysed in a call before "I agree". */
export function OnboardingPage() {
  const [agreed, setAgreed] = useState<boolean | null>(null);
  useEffect(() => {
    localisePage(t('onboarding.pageTitle'));
    void hasConsent().then(setAgreed);
  }, []);
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
      <h1>{t('onboarding.title')}</h1>
      <section class="card">
        <h2>{t('onboarding.measuresTitle')}</h2>
        <p>{rich('onboarding.measures', { ownCamera: <strong>{t('onboarding.ownCamera')}</strong>, notFeelings: <strong>{t('onboarding.notFeelings')}</strong> })}</p>
        <h2>{t('onboarding.storedTitle')}</h2>
        <p>{t('onboarding.stored')}</p>
        <h2>{t('retention.onboardingTitle')}</h2>
        <p>{t('retention.onboarding')}</p>
        {/* Stored as soon as it is chosen; the default (90 days) stands when the user does not change it. */}
        <p><RetentionSelect testid="onboarding-retention" /></p>
        <h2>{t('onboarding.controlTitle')}</h2>
        <p>{t('onboarding.control')}</p>
      </section>
      <div class="controls">
        {agreed ? (
          <>
            <p data-testid="consent-state" role="status">{t('onboarding.agreed')}</p>
            <button type="button" onClick={() => void withdraw()} data-testid="withdraw">{t('onboarding.withdraw')}</button>{' '}
            <a href={browser.runtime.getURL('/options.html')}>{t('onboarding.settings')}</a> · <a href={browser.runtime.getURL('/practice.html')}>{t('onboarding.practiseNow')}</a>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void agree()} data-testid="agree" disabled={agreed === null}>{t('onboarding.agree')}</button>{' '}
            <a href={browser.runtime.getURL('/practice.html')}>{t('onboarding.practiseFirst')}</a>
          </>
        )}
      </div>
    </main>
  );
}
