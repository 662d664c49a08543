import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage, type ControlAction } from '@/lib/protocol/messages';
import { unwrap } from '@/lib/protocol/result';
import { POPUP_READY, type PopupState, type Unseen } from '@/lib/session/popup-state';
import { lazyComponent } from './Lazy';
import { localiseError, localisePage, rich, t } from '@/lib/i18n';

// Drawn right after the state: the popup's first answer does not wait for their code.
const CallRateLine = lazyComponent(() => import('./CallRateLine').then((m) => m.CallRateLine));
const LiveCharts = lazyComponent(() => import('./LiveCharts').then((m) => m.LiveCharts));
const StorageProblem = lazyComponent(() => import('./StorageProblem').then((m) => m.StorageProblem));

/** The last ended call, for its report link (the database code loads after the popup has answered). */
async function lastEndedCall(): Promise<string | null> {
  const [{ getDB }, { listSessions }] = await Promise.all([import('@/lib/db/schema'), import('@/lib/db/sessions')]);
  return (await listSessions(getDB(), { limit: 5 })).find((x) => x.endedAt !== null)?.id ?? null;
}

/** The popup's tab: the active tab, or `?tab=` when the popup is opened as a page for a given tab. */
async function targetTab(): Promise<number | null> {
  const q = new URLSearchParams(location.search).get('tab');
  if (q && /^\d+$/.test(q)) return Number(q);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Why Selfview cannot see this tab's call camera, in the user's words. */
const unseenText = (why: Unseen, site: string): string =>
  why === 'reload' ? t('popup.unseen.reload', { site }) : why === 'never' ? t('popup.unseen.never', { site }) : t('popup.unseen.noCamera');

const fmtTime = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Session status and Start/Pause/Stop, with the last second's cues live. */
export function PopupPage() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<PopupState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [lastCall, setLastCall] = useState<string | null>(null);

  useEffect(() => {
    localisePage();
    let tab: number | null = null;
    const refresh = async () => {
      setState(unwrap(await sendMessage('popupToBackgroundState', { tabId: tab })));
      // When the popup first shows the call's state: how long it takes to open, even while a page floods Selfview.
      if (!performance.getEntriesByName(POPUP_READY).length) performance.mark(POPUP_READY);
    };
    void targetTab().then((t) => {
      tab = t;
      setTabId(t);
      void refresh().catch((e: Error) => setError(localiseError(e.message)));
    });
    void lastEndedCall().then(setLastCall).catch(() => undefined);
    const timer = setInterval(() => {
      setNow(Date.now());
      void refresh().catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  const control = async (action: ControlAction) => {
    setError(null);
    try {
      setState(unwrap(await sendMessage('popupToBackgroundControl', { action, tabId })));
    } catch (e) {
      setError(localiseError((e as Error).message));
    }
  };

  const s = state?.session;
  return (
    <main class="popup" data-testid="popup">
      <h1>Selfview</h1>
      {error && <p class="error" role="alert" data-testid="popup-error">{error}</p>}
      <StorageProblem />
      {state && !state.consent && (
        <p>
          {t('popup.needsConsent')}{' '}
          <a href={browser.runtime.getURL('/onboarding.html')} target="_blank" rel="noreferrer">{t('popup.setUp')}</a>
        </p>
      )}
      {s ? (
        <section data-testid="session" data-status={s.status} data-session-id={s.id}>
          <p>
            {rich('popup.sessionLine', {
              status: <strong>{s.status === 'running' ? (s.cameraOn ? t('popup.analysing') : t('popup.cameraOff')) : t('popup.paused')}</strong>,
              site: s.siteName,
              elapsed: <span data-testid="elapsed">{fmtTime(now - s.startedAt)}</span>,
            })}
            {!s.inThisTab && <span class="muted"> {t('popup.inAnotherTab')}</span>}
          </p>
          {s.status === 'running' && s.cameraOn && <CallRateLine sessionId={s.id} now={now} />}
          <LiveCharts sessionId={s.id} />
          <div class="controls">
            {s.status === 'running' ? (
              <button type="button" onClick={() => void control('pause')} data-testid="pause">{t('popup.pause')}</button>
            ) : (
              <button type="button" onClick={() => void control('resume')} data-testid="resume">{t('popup.resume')}</button>
            )}{' '}
            <button type="button" onClick={() => void control('stop')} data-testid="stop">{t('popup.stop')}</button>
          </div>
        </section>
      ) : state?.canStartHere ? (
        <section data-testid="start-here" data-camera={state.cameraHere ? 'on' : 'unseen'}>
          <p>
            {t('popup.callHere', { site: state.siteHere ?? '' })} {state.cameraHere ? t('popup.cameraSeen') : ''}
          </p>
          {state.unseen && <p class="muted" data-testid="unseen" data-why={state.unseen}>{unseenText(state.unseen, state.siteHere ?? '')}</p>}
          {state.declinedHere && <p class="muted" data-testid="declined">{t('popup.declined')}</p>}
          <button type="button" onClick={() => void control('start')} data-testid="start">{t('popup.start')}</button>{' '}
          {state.cameraHere && !state.declinedHere && (
            <button type="button" class="secondary" onClick={() => void control('notNow')} data-testid="not-now">{t('popup.notNow')}</button>
          )}
        </section>
      ) : state?.unseen ? (
        <p data-testid="unseen" data-why={state.unseen}>{unseenText(state.unseen, state.siteHere ?? '')}</p>
      ) : (
        state && (
          <p data-testid="idle">
            {rich('popup.idle', {
              practise: <a href={browser.runtime.getURL('/practice.html')} target="_blank" rel="noreferrer">{t('popup.practiseNow')}</a>,
            })}
          </p>
        )
      )}
      <p class="muted">
        {s && (
          <>
            <a href={browser.runtime.getURL(`/report.html?session=${s.id}`)} target="_blank" rel="noreferrer" data-testid="report-link">{t('popup.reportSoFar')}</a> ·{' '}
          </>
        )}
        {!s && lastCall && (
          <>
            <a href={browser.runtime.getURL(`/report.html?session=${lastCall}`)} target="_blank" rel="noreferrer" data-testid="last-report-link">{t('popup.lastReport')}</a> ·{' '}
          </>
        )}
        <a href={browser.runtime.getURL('/history.html')} target="_blank" rel="noreferrer" data-testid="history-link">{t('popup.history')}</a> ·{' '}
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">{t('popup.settings')}</a>
      </p>
    </main>
  );
}
