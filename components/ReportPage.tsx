import { useEffect, useState } from 'preact/hooks';
import type { SecondAggregate } from '@/lib/cues/types';
import { getDB } from '@/lib/db/schema';
import type { SessionRecord } from '@/lib/db/schema';
import { getSession, listSessions, LockedError, nudgesOf, readSeconds, type Opener } from '@/lib/db/sessions';
import { currentOpener } from '@/lib/crypto/vault';
import type { NudgeRecord } from '@/lib/db/schema';
import { averageShares, callReport, type CallReport, type Shares } from '@/lib/feedback/report';
import { readingReliability } from '@/lib/feedback/reading-reliability';
import { cueSeries } from '@/lib/feedback/series';
import { Timeline } from './Timeline';
import { METRIC_LABEL } from './HistoryFormat';
import { BlinkLine, callBlinks, ReportReliability } from './ReportReliability';
import { RoughMark } from './RoughMark';
import { Unlock } from './Unlock';
import { fmtDateTime, localiseNudge, localisePage, pct as percent, rich, t } from '@/lib/i18n';

/** The share rows, in this order, with the same words as the history page. */
const SHARE_ROWS = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre'] as const satisfies readonly (keyof Shares)[];
const pct = (v: number | null): string => (v === null ? '—' : percent(v));
const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const durationOf = (s: SessionRecord): number => Math.max(0, Math.round(((s.endedAt ?? Date.now()) - s.startedAt) / 1000));

/** Loads a session's report and the average of the five calls before it; throws `LockedError` when they are encrypted and `opener` is null. */
async function load(id: string | null, opener: Opener | null): Promise<{ session: SessionRecord; seconds: SecondAggregate[]; nudges: NudgeRecord[]; report: CallReport; before: Shares | null } | null> {
  const db = getDB();
  const all = await listSessions(db, { limit: 50 });
  const session = id ? await getSession(db, id) : all.find((s) => s.endedAt !== null);
  if (!session) return null;
  const seconds = await readSeconds(db, session.id, opener);
  const earlier = all.filter((s) => s.startedAt < session.startedAt && s.endedAt !== null).slice(0, 5);
  const earlierReports = await Promise.all(earlier.map(async (s) => callReport(await readSeconds(db, s.id, opener), durationOf(s))));
  const nudges = await nudgesOf(db, session.id);
  return { session, seconds, nudges, report: callReport(seconds, durationOf(session)), before: earlierReports.length ? averageShares(earlierReports) : null };
}

/** The after-call report: what the face did, in plain words, with the limits and the measured figures stated. */
export function ReportPage() {
  const [data, setData] = useState<Awaited<ReturnType<typeof load>> | undefined>(undefined);
  const [locked, setLocked] = useState(false);
  const show = (opener: Opener | null) =>
    load(new URLSearchParams(location.search).get('session'), opener).then(
      (d) => { setLocked(false); setData(d); },
      (err: unknown) => { if (err instanceof LockedError) setLocked(true); else throw err; },
    );
  useEffect(() => {
    localisePage(t('report.pageTitle'));
    // Encrypted seconds need the vault unlocked in this browser session; otherwise ask for the passphrase.
    void currentOpener(getDB()).then(show);
  }, []);
  if (locked) return <main data-testid="report-locked"><h1>{t('crypto.unlockTitle')}</h1><Unlock onUnlocked={(o) => void show(o)} /></main>;
  if (data === undefined) return <main><p>{t('report.loading')}</p></main>;
  if (data === null) return <main><h1>{t('report.noCallTitle')}</h1><p>{t('report.noCallText')}</p></main>;
  const { session, seconds, nudges, report: r, before } = data;
  // The smile's calibrated figure applies only to a call measured against a baseline.
  const calibrated = !!session.settings.baselineId;
  const blinks = callBlinks(seconds);
  return (
    <main data-testid="report" data-session-id={session.id}>
      <h1>{t('report.title', { site: session.site.replace(/^https?:\/\//, '') })}</h1>
      <p>
        {rich('report.when', { date: fmtDateTime(session.startedAt), duration: <span data-testid="duration">{mmss(r.durationS)}</span> })}
        {session.endedAt === null && ` ${t('report.stillRunning')}`}
      </p>
      <section class="card" aria-labelledby="share-title">
        <h2 id="share-title">{t('report.movedTitle')}</h2>
        <p data-testid="judged">
          {r.unreadS > 0 ? t('report.judgedWithGap', { judged: mmss(r.judgedS), unread: mmss(r.unreadS) }) : t('report.judged', { judged: mmss(r.judgedS) })}{' '}
          {t('report.sharesOfThat')}
        </p>
        <table class="rows" data-testid="shares">
          <thead>
            <tr><th scope="col">{t('report.movement')}</th><th scope="col">{t('report.thisCall')}</th><th scope="col">{t('report.previousCalls')}</th></tr>
          </thead>
          <tbody>
            {SHARE_ROWS.map((k) => (
              <tr key={k} data-share={k}>
                <th scope="row">{t(METRIC_LABEL[k])}<RoughMark r={readingReliability(k, calibrated)} /></th>
                <td>{pct(r.shares[k])}</td>
                <td>{before ? pct(before[k]) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <BlinkLine blinks={blinks} />
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('report.timelineTitle')}</h2>
        {seconds.length ? <Timeline series={cueSeries(seconds)} marks={nudges.map((n) => ({ t: n.t, label: localiseNudge(n.message, n.text) }))} /> : <p>{t('report.noSeconds')}</p>}
        <h3>{nudges.length ? t('report.nudgesTitleMarked') : t('report.nudgesTitle')}</h3>
        {nudges.length ? (
          <ul data-testid="nudges">
            {nudges.map((n) => (
              <li key={n.at}>{mmss(n.t)} — {localiseNudge(n.message, n.text)}{n.notHelpful && <span class="muted"> {t('report.markedNotHelpful')}</span>}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="no-nudges">{t('report.noNudges')}</p>
        )}
      </section>
      <section class="card" aria-labelledby="hl-title">
        <h2 id="hl-title">{t('report.highlightsTitle')}</h2>
        <ul data-testid="highlights">
          <li>{r.longestLookAway ? t('report.longestAway', { s: r.longestLookAway.s, t: mmss(r.longestLookAway.t) }) : t('report.noLookAway')}</li>
          <li>{r.mostExpressiveMinute ? t('report.mostExpressive', { t: mmss(r.mostExpressiveMinute.t) }) : t('report.tooShort')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="limits-title">
        <h2 id="limits-title">{t('report.limitsTitle')}</h2>
        <p>{t('report.limits')}</p>
        <ReportReliability calibrated={calibrated} blinks={blinks} />
      </section>
    </main>
  );
}
