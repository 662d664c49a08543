import { useEffect } from 'preact/hooks';
import { localisePage, t } from '@/lib/i18n';
import { LivePanel } from './LivePanel';
import { RecordingPanel } from './RecordingPanel';

/** The Practice page: the first thing a user can try, without any call. */
export function PracticePage() {
  useEffect(() => localisePage(t('practice.pageTitle')), []);
  return (
    <main>
      <header>
        <h1>{t('practice.title')}</h1>
        <p>{t('practice.intro')}</p>
      </header>
      <LivePanel />
      <RecordingPanel />
    </main>
  );
}
