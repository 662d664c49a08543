import { useEffect, useState } from 'preact/hooks';
import type { SecondAggregate } from '@/lib/cues/types';
import { getDB } from '@/lib/db/schema';
import type { SessionRecord } from '@/lib/db/schema';
import { getSession, listSessions, nudgesOf, samplesOf } from '@/lib/db/sessions';
import type { NudgeRecord } from '@/lib/db/schema';
import { averageShares, callReport, type CallReport, type Shares } from '@/lib/feedback/report';
import { cueSeries } from '@/lib/feedback/series';
import { Timeline } from './Timeline';

const SHARE_LABEL: Record<keyof Shares, string> = {
  lookingAtCamera: 'Looking at the camera',
  smiling: 'Smiling (mouth corners up)',
  browsDrawn: 'Brows drawn together',
  mouthOpen: 'Mouth open (talking, mostly)',
  headTurned: 'Head turned away from the camera',
  offCentre: 'Face off-centre in the picture',
};
const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);
const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const durationOf = (s: SessionRecord): number => Math.max(0, Math.round(((s.endedAt ?? Date.now()) - s.startedAt) / 1000));

/** Loads a session's report and the average of the five calls before it. */
async function load(id: string | null): Promise<{ session: SessionRecord; seconds: SecondAggregate[]; nudges: NudgeRecord[]; report: CallReport; before: Shares | null } | null> {
  const db = getDB();
  const all = await listSessions(db, { limit: 50 });
  const session = id ? await getSession(db, id) : all.find((s) => s.endedAt !== null);
  if (!session) return null;
  const seconds = (await samplesOf(db, session.id)).map((r) => r.agg);
  const earlier = all.filter((s) => s.startedAt < session.startedAt && s.endedAt !== null).slice(0, 5);
  const earlierReports = await Promise.all(earlier.map(async (s) => callReport((await samplesOf(db, s.id)).map((r) => r.agg), durationOf(s))));
  const nudges = await nudgesOf(db, session.id);
  return { session, seconds, nudges, report: callReport(seconds, durationOf(session)), before: earlierReports.length ? averageShares(earlierReports) : null };
}

/** The after-call report: what the face did, in plain words, with the limits stated. */
export function ReportPage() {
  const [data, setData] = useState<Awaited<ReturnType<typeof load>> | undefined>(undefined);
  useEffect(() => void load(new URLSearchParams(location.search).get('session')).then(setData), []);
  if (data === undefined) return <main><p>Loading…</p></main>;
  if (data === null) return <main><h1>No call yet</h1><p>After your first call with Selfview, its report appears here.</p></main>;
  const { session, seconds, nudges, report: r, before } = data;
  return (
    <main data-testid="report" data-session-id={session.id}>
      <h1>Your call on {session.site.replace(/^https?:\/\//, '')}</h1>
      <p>
        {new Date(session.startedAt).toLocaleString()} · <span data-testid="duration">{mmss(r.durationS)}</span> long
        {session.endedAt === null && ' (still running)'}
      </p>
      <section class="card" aria-labelledby="share-title">
        <h2 id="share-title">How your face moved</h2>
        <p data-testid="judged">
          Selfview could see your face clearly for {mmss(r.judgedS)} of the call{r.unreadS > 0 && <> (not for {mmss(r.unreadS)}: no face in view, or too dark, too far or turned away)</>}.
          The shares below are of that time.
        </p>
        <table class="rows" data-testid="shares">
          <thead>
            <tr><th scope="col">Movement</th><th scope="col">This call</th><th scope="col">Your previous calls</th></tr>
          </thead>
          <tbody>
            {(Object.keys(SHARE_LABEL) as (keyof Shares)[]).map((k) => (
              <tr key={k} data-share={k}>
                <th scope="row">{SHARE_LABEL[k]}</th>
                <td>{pct(r.shares[k])}</td>
                <td>{before ? pct(before[k]) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>Blinks per minute: {r.blinksPerMinute === null ? '—' : Math.round(r.blinksPerMinute)}</p>
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {seconds.length ? <Timeline series={cueSeries(seconds)} marks={nudges.map((n) => ({ t: n.t, label: n.message }))} /> : <p>No seconds were analysed in this call.</p>}
        <h3>Nudges{nudges.length ? ' (dashed lines)' : ''}</h3>
        {nudges.length ? (
          <ul data-testid="nudges">
            {nudges.map((n) => (
              <li key={n.at}>{mmss(n.t)} — {n.message}{n.notHelpful && <span class="muted"> (you marked it not helpful)</span>}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="no-nudges">No nudges in this call.</p>
        )}
      </section>
      <section class="card" aria-labelledby="hl-title">
        <h2 id="hl-title">Highlights</h2>
        <ul data-testid="highlights">
          <li>{r.longestLookAway ? <>Longest stretch not looking at the camera: {r.longestLookAway.s} s, from {mmss(r.longestLookAway.t)}.</> : 'No stretch away from the camera.'}</li>
          <li>{r.mostExpressiveMinute ? <>Your face moved most in the minute from {mmss(r.mostExpressiveMinute.t)}.</> : 'The call was too short to pick its most expressive minute.'}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="limits-title">
        <h2 id="limits-title">What this can and cannot tell you</h2>
        <p>
          These numbers describe movements of your face as a camera model sees them — not how you felt, and not how others saw you.
          Tracking is less reliable in poor light, with the head turned, with glasses or a hand in front of the face, and for faces unlike
          those the model was trained on. People and cultures use their faces differently: a resting face that reads as “brows drawn”
          may simply be your face. Calibrating to your relaxed face helps; comparing with your own earlier calls says more than any
          single number.
        </p>
      </section>
    </main>
  );
}
