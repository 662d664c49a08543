// The history page in the built extension: sessions seeded into the extension's own IndexedDB
// (raw API, schema v3) show in the list; filter, search and sort work; notes and tags are stored;
// trends and goals draw; JSON / CSV zip / coach packet downloads hold the sessions; an export
// imported into an emptied database restores them (also encrypted), a bad file changes nothing,
// a coach packet reaches the trainer view, and "Delete selected" removes the rows from IndexedDB.
// Screenshots light and dark go to test-results/.
//
// data-testids on history.html:
//   history (main; data-ready, data-status), tab-<id> / panel-<id> for sessions, trends, goals, transfer, trainer
//   filters: filter-site, filter-tag, filter-from, filter-to, filter-search, filter-count
//   list:    history-list (data-count), session-row[data-session-id], select-row, select-all, sort-<key>,
//            report-link, edit-notes, notes-input, tags-input, save-notes, export-selected, delete-selected,
//            delete-confirm, delete-cancel, list-message, page-prev, page-next, page-info, history-empty
//   trends:  trends, trend-<metric>; goals: goal-cue, goal-direction, goal-target, goal-add, goal (data-met, data-judged)
//   export:  scope-selected / scope-range / scope-all, export-passphrase, export-json, export-csv, packet-name,
//            packet-per-minute, export-packet, print-report, export-message
//   import:  import-file, import-passphrase, import-open, import-message (data-error)
//   trainer: trainer (data-people), trainer-people, trainer-cue, trainer-chart, trainer-table
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/support/browser';
import { launchPastOnboarding } from '../support/selfview-flow';
import { requireBuilt } from '../../scripts/support/paths';
import { recordedSeconds } from '../../lib/db/test-support';
import type { SessionRecord } from '../../lib/db/schema';
import { dbRows } from '../support/extension-state';
import { SHOTS, screenshotsAt1xAnd2x } from '../support/screenshots';
import { clearDB, makeSummary, prng, seedDB } from '../../scripts/support/history-seed';

let b: ExtensionBrowser;
let page: Page;

const at = (y: number, m: number, d: number) => new Date(y, m - 1, d, 10, 0).getTime();
const rnd = prng(7);
function session(id: string, site: string, startedAt: number, gaze: number | null, notes = '', tags: string[] = []): SessionRecord {
  const s: SessionRecord = { id, site, startedAt, endedAt: startedAt + 20 * 60_000, endReason: 'stopped', seconds: 0, notes, tags, settings: { sampleFps: 5, baselineId: null } };
  if (gaze !== null) {
    const summary = makeSummary(rnd, 1200, 0.5);
    s.summary = { ...summary, shares: { ...summary.shares, lookingAtCamera: gaze } };
  }
  return s;
}
const SESSIONS = [
  session('s1', 'meet', at(2026, 1, 5), 0.62, 'Interview practice with Sam', ['interview']),
  session('s2', 'zoom', at(2026, 1, 12), 0.41, 'Team stand-up', ['standup']),
  session('s3', 'https://meet.jit.si', at(2026, 2, 2), 0.78, '', ['talk', 'interview']),
  session('s4', 'meet', at(2026, 2, 20), 0.55),
  // No summary yet: the page fills it in from the 31 recorded seconds when it opens.
  session('s5', 'zoom', at(2026, 3, 3), null, 'Client call'),
  session('s6', 'teams', at(2026, 3, 10), 0.3),
];

async function openHistory(tab = 'sessions'): Promise<void> {
  await page.bringToFront();
  const url = b.url(`history.html#${tab}`);
  // Going to the page already open would only change its hash (a same-document navigation): set the hash and reload instead.
  if (page.url().startsWith(b.url('history.html'))) {
    await page.evaluate((h) => history.replaceState(null, '', `#${h}`), tab);
    await page.reload();
  } else {
    await page.goto(url);
  }
  await page.waitForSelector('[data-testid=history][data-ready=true], [data-testid=history][data-status=locked]');
}
const rowIds = () => page.$$eval('[data-testid=session-row]', (rs) => rs.map((r) => r.getAttribute('data-session-id')));
const tab = async (id: string) => {
  await page.click(`[data-testid=tab-${id}]`);
  await page.waitForSelector(`[data-testid=panel-${id}]`);
};
/** Clicks `selector` and returns the download's name and bytes. */
async function download(selector: string): Promise<{ name: string; path: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = resolve(SHOTS, `history-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path, bytes: readFileSync(path) };
}
/** Summaries stored in IndexedDB, by session id. */
const storedSessions = (): Promise<SessionRecord[]> => dbRows(page).then((r) => r.sessions as unknown as SessionRecord[]);
async function importFile(path: string): Promise<string> {
  await page.setInputFiles('[data-testid=import-file]', path);
  await expect.poll(() => page.textContent('[data-testid=import-message]')).not.toBe('');
  return (await page.textContent('[data-testid=import-message]'))!;
}

let exportPath = '';
let packetPath = '';
let encryptedPath = '';

beforeAll(async () => {
  requireBuilt();
  ({ b, page } = await launchPastOnboarding());
  await page.setViewportSize({ width: 1100, height: 900 });
  page.setDefaultTimeout(10_000);
  // The page creates the v3 database; then the sessions are written into it and the page reopened.
  await openHistory();
  await page.waitForSelector('[data-testid=history-empty]');
  await seedDB(page, SESSIONS, [{ sessionId: 's5', startedAt: SESSIONS[4]!.startedAt, count: 31 }], recordedSeconds());
  await openHistory();
});
afterAll(async () => {
  await b?.close();
});

describe('the history page', () => {
  it('lists every session newest first and fills in the missing summary from its seconds', async () => {
    expect(await rowIds()).toEqual(['s6', 's5', 's4', 's3', 's2', 's1']);
    expect(await page.textContent('[data-testid=filter-count]')).toBe('6 of 6 calls');
    const s5 = (await storedSessions()).find((s) => s.id === 's5')!;
    expect(s5.summary?.judgedS).toBeGreaterThan(0);
    expect(await page.textContent('[data-session-id=s5] [data-col=lookingAtCamera]')).toBe(`${Math.round(s5.summary!.shares.lookingAtCamera! * 100)}%`);
    expect(await page.textContent('[data-session-id=s3] [data-col=site]')).toBe('meet.jit.si');
    expect(await page.getAttribute('[data-session-id=s3] [data-testid=report-link]', 'href')).toBe('/report.html?session=s3');
  });

  it('filters by site, tag and date range, and searches notes and tags', async () => {
    await page.selectOption('[data-testid=filter-site]', 'zoom');
    await expect.poll(rowIds).toEqual(['s5', 's2']);
    await page.selectOption('[data-testid=filter-site]', '');
    await page.selectOption('[data-testid=filter-tag]', 'interview');
    await expect.poll(rowIds).toEqual(['s3', 's1']);
    await page.fill('[data-testid=filter-search]', 'sam');
    await expect.poll(rowIds).toEqual(['s1']);
    expect(await page.textContent('[data-testid=filter-count]')).toBe('1 of 6 calls');
    await page.fill('[data-testid=filter-search]', '');
    await page.selectOption('[data-testid=filter-tag]', '');
    await page.fill('[data-testid=filter-search]', 'client');
    await expect.poll(rowIds).toEqual(['s5']);
    await page.fill('[data-testid=filter-search]', '');
    await page.fill('[data-testid=filter-from]', '2026-02-01');
    await page.fill('[data-testid=filter-to]', '2026-02-28');
    await expect.poll(rowIds).toEqual(['s4', 's3']);
    await page.fill('[data-testid=filter-from]', '');
    await page.fill('[data-testid=filter-to]', '');
    await expect.poll(rowIds).toHaveLength(6);
  });

  it('sorts by looking at the camera both ways, and by date again', async () => {
    const known = (ids: (string | null)[]) => ids.filter((id) => id !== 's5');
    await page.click('[data-testid=sort-lookingAtCamera]');
    expect(known(await rowIds())).toEqual(['s3', 's1', 's4', 's2', 's6']);
    expect(await page.getAttribute('th:has([data-testid=sort-lookingAtCamera])', 'aria-sort')).toBe('descending');
    await page.click('[data-testid=sort-lookingAtCamera]');
    expect(known(await rowIds())).toEqual(['s6', 's2', 's4', 's1', 's3']);
    await page.click('[data-testid=sort-duration]');
    await page.click('[data-testid=sort-startedAt]');
    expect(await rowIds()).toEqual(['s6', 's5', 's4', 's3', 's2', 's1']);
    await page.click('[data-testid=sort-startedAt]');
    expect(await rowIds()).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    await page.click('[data-testid=sort-startedAt]');
    expect(await rowIds()).toEqual(['s6', 's5', 's4', 's3', 's2', 's1']);
  });

  it('stores edited notes and tags, and the tag becomes a filter', async () => {
    await page.click('[data-session-id=s2] [data-testid=edit-notes]');
    await page.fill('[data-testid=notes-input]', 'Stand-up; looked down at my notes');
    await page.fill('[data-testid=tags-input]', 'standup, notes');
    await page.click('[data-testid=save-notes]');
    await page.waitForSelector('[data-testid=notes-form]', { state: 'detached' });
    await expect.poll(async () => (await storedSessions()).find((s) => s.id === 's2')).toMatchObject({ notes: 'Stand-up; looked down at my notes', tags: ['standup', 'notes'] });
    expect(await page.textContent('[data-session-id=s2] .tags')).toBe('standup, notes');
    await page.fill('[data-testid=filter-search]', 'looked down');
    await expect.poll(rowIds).toEqual(['s2']);
    await page.fill('[data-testid=filter-search]', '');
  });

  it('draws one trend chart per cue over the filtered sessions', async () => {
    await tab('trends');
    expect(await page.$$eval('[data-testid^=trend-]', (cs) => cs.map((c) => [c.getAttribute('data-testid'), c.getAttribute('data-points'), c.querySelector('canvas') !== null])))
      .toEqual(['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre', 'blinksPerMinute', 'expressiveness'].map((m) => [`trend-${m}`, '6', true]));
    await page.selectOption('[data-testid=filter-site]', 'meet');
    await expect.poll(() => page.getAttribute('[data-testid=trend-lookingAtCamera]', 'data-points')).toBe('2');
    await page.selectOption('[data-testid=filter-site]', '');
  });

  it('creates a goal, says it counts well-tracked time, shows how many of the last sessions met it, and deletes it', async () => {
    await tab('goals');
    expect(await page.textContent('[data-testid=goals-note]')).toContain('cannot know when you speak');
    await page.selectOption('[data-testid=goal-cue]', 'lookingAtCamera');
    await page.selectOption('[data-testid=goal-direction]', 'atLeast');
    await page.fill('[data-testid=goal-target]', '60');
    await page.click('[data-testid=goal-add]');
    const goal = await page.waitForSelector('[data-testid=goal]');
    expect(await goal.$eval('h3', (h) => h.textContent)).toBe('Looking at the camera at least 60% of the well-tracked time');
    const s5 = (await storedSessions()).find((s) => s.id === 's5')!.summary!.shares.lookingAtCamera;
    const met = 2 + (s5 !== null && s5 >= 0.6 ? 1 : 0);
    expect(await goal.getAttribute('data-met')).toBe(String(met));
    expect(await page.textContent('[data-testid=goal-progress]')).toBe(`Met in ${met} of the last ${s5 === null ? 5 : 6} calls.`);
    await page.click('[data-testid=goal-archive]');
    await page.waitForSelector('[data-testid=no-goals]');
    await page.click('details summary');
    await page.click('[data-testid=archived-goals] [data-testid=goal-delete]');
    await page.waitForSelector('[data-testid=archived-goals]', { state: 'detached' });
  });

  it('exports the selected sessions as JSON', async () => {
    await tab('sessions');
    await page.check('[data-session-id=s1] [data-testid=select-row]');
    await page.check('[data-session-id=s3] [data-testid=select-row]');
    const file = await download('[data-testid=export-selected]');
    expect(file.name).toMatch(/^selfview-export-\d{4}-\d{2}-\d{2}\.json$/);
    const x = JSON.parse(file.bytes.toString('utf8')) as { format: string; sessions: { id: string }[] };
    expect(x.format).toBe('selfview-export');
    expect(x.sessions.map((s) => s.id).sort()).toEqual(['s1', 's3']);
    await page.uncheck('[data-session-id=s1] [data-testid=select-row]');
    await page.uncheck('[data-session-id=s3] [data-testid=select-row]');
  });

  it('exports everything as JSON, as a CSV zip, as a coach packet, and encrypted', async () => {
    await tab('transfer');
    await page.check('[data-testid=scope-all]');
    const json = await download('[data-testid=export-json]');
    exportPath = json.path;
    const x = JSON.parse(json.bytes.toString('utf8')) as { sessions: { id: string; notes: string }[]; samples: { sessionId: string }[] };
    expect(x.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    expect(x.samples.filter((s) => s.sessionId === 's5')).toHaveLength(31);
    expect(await page.textContent('[data-testid=export-message]')).toBe('Your file is downloaded.');

    const zip = await download('[data-testid=export-csv]');
    expect(zip.name).toMatch(/-csv\.zip$/);
    expect(zip.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    expect(await page.isDisabled('[data-testid=export-packet]')).toBe(true);
    expect(await page.isChecked('[data-testid=packet-per-minute]')).toBe(false);
    await page.fill('[data-testid=packet-name]', 'Sam Example');
    const packet = await download('[data-testid=export-packet]');
    packetPath = packet.path;
    const p = JSON.parse(packet.bytes.toString('utf8')) as { format: string; person: string; perMinute: boolean; sessions: { startedAt: number }[] };
    expect(p).toMatchObject({ format: 'selfview-coach-packet', person: 'Sam Example', perMinute: false });
    expect(p.sessions).toHaveLength(6);
    expect(packet.bytes.toString('utf8')).not.toContain('Interview practice');

    await page.fill('[data-testid=export-passphrase]', 'correct horse battery');
    const enc = await download('[data-testid=export-json]');
    encryptedPath = enc.path;
    expect(enc.name).toMatch(/-encrypted\.json$/);
    expect(JSON.parse(enc.bytes.toString('utf8'))).toMatchObject({ format: 'selfview-encrypted', version: 1 });
    expect(enc.bytes.toString('utf8')).not.toContain('Interview practice');
    await page.fill('[data-testid=export-passphrase]', '');
  });

  it('refuses a bad file with its reason and changes nothing', async () => {
    const before = await dbRows(page);
    const bad = resolve(SHOTS, 'history-bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'selfview-export', version: 1, exportedAt: 1, sessions: 'nope', samples: [], nudges: [], goals: [] }));
    const text = await importFile(bad);
    expect(text).toMatch(/^Nothing was imported: .*sessions/);
    expect(await page.getAttribute('[data-testid=import-message]', 'data-error')).toBe('true');
    writeFileSync(bad, 'this is not JSON');
    expect(await importFile(bad)).toMatch(/^Nothing was imported: /);
    expect(await dbRows(page)).toEqual(before);
  });

  it('restores an export into an emptied database, and counts what was already stored', async () => {
    await clearDB(page);
    await openHistory('transfer');
    expect((await dbRows(page)).sessions).toEqual([]);
    expect(await importFile(exportPath)).toBe('6 calls added, 0 already stored.');
    const rows = await dbRows(page);
    expect(rows.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    expect(rows.samples.s5).toHaveLength(31);
    expect(await importFile(exportPath)).toBe('0 calls added, 6 already stored.');
    await tab('sessions');
    expect(await rowIds()).toEqual(['s6', 's5', 's4', 's3', 's2', 's1']);
  });

  it('imports an encrypted export after asking for its passphrase', async () => {
    await clearDB(page);
    await openHistory('transfer');
    expect(await importFile(encryptedPath)).toBe('This file is encrypted. Enter its passphrase.');
    await page.fill('[data-testid=import-passphrase]', 'wrong passphrase');
    await page.click('[data-testid=import-open]');
    await expect.poll(() => page.getAttribute('[data-testid=import-message]', 'data-error')).toBe('true');
    expect((await dbRows(page)).sessions).toEqual([]);
    await page.fill('[data-testid=import-passphrase]', 'correct horse battery');
    await page.click('[data-testid=import-open]');
    await expect.poll(() => page.textContent('[data-testid=import-message]')).toBe('6 calls added, 0 already stored.');
    expect((await dbRows(page)).sessions).toHaveLength(6);
  });

  it('shows an imported coach packet in the trainer view, side by side per person', async () => {
    // A new packet opens the trainer view.
    await page.setInputFiles('[data-testid=import-file]', packetPath);
    await page.waitForSelector('[data-testid=trainer]');
    expect(await page.getAttribute('[data-testid=trainer]', 'data-people')).toBe('1');
    expect(await page.textContent('[data-testid=trainer-people]')).toContain('Sam Example: 6 calls from 1 packets');
    expect(await page.locator('[data-testid=trainer-table] tbody tr').count()).toBe(6);
    await page.selectOption('[data-testid=trainer-cue]', 'blinksPerMinute');
    expect(await page.getAttribute('[data-testid=trainer-chart]', 'data-points')).toBe('6');
    // The same packet again is recognised.
    await tab('transfer');
    expect(await importFile(packetPath)).toBe('This coach packet was already imported.');
  });

  it('deletes the selected sessions from IndexedDB after confirmation', async () => {
    await tab('sessions');
    await page.check('[data-session-id=s2] [data-testid=select-row]');
    await page.check('[data-session-id=s5] [data-testid=select-row]');
    await page.click('[data-testid=delete-selected]');
    await page.click('[data-testid=delete-cancel]');
    expect(await rowIds()).toHaveLength(6);
    await page.click('[data-testid=delete-selected]');
    await page.click('[data-testid=delete-confirm]');
    await expect.poll(rowIds).toEqual(['s6', 's4', 's3', 's1']);
    expect(await page.textContent('[data-testid=list-message]')).toBe('2 calls deleted.');
    const rows = await dbRows(page);
    expect(rows.sessions.map((s) => s.id).sort()).toEqual(['s1', 's3', 's4', 's6']);
    expect(rows.samples.s5).toBeUndefined();
  });

  it('prints one selected session\'s report from an off-screen frame, dark text on white even in the dark theme', async () => {
    await tab('transfer');
    expect(await page.isDisabled('[data-testid=print-report]')).toBe(true);
    await tab('sessions');
    await page.check('[data-session-id=s3] [data-testid=select-row]');
    await tab('transfer');
    await page.click('[data-testid=print-report]');
    const frame = await (await page.waitForSelector('iframe.print-frame', { state: 'attached' })).contentFrame();
    await frame!.waitForSelector('[data-testid=report][data-session-id=s3]');
    await tab('sessions');
    await page.uncheck('[data-session-id=s3] [data-testid=select-row]');
    const report = await b.context.newPage();
    await report.emulateMedia({ colorScheme: 'dark', media: 'print' });
    await report.goto(b.url('report.html?session=s3'));
    await report.waitForSelector('[data-testid=report]');
    expect(await report.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor])).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await report.close();
  });

  it('asks for the passphrase when the history is encrypted and locked, then lists and edits as before', async () => {
    const pass = 'history passphrase 1';
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    await options.check('[data-testid=crypto-confirm]');
    await options.fill('[data-testid=crypto-passphrase]', pass);
    await options.fill('[data-testid=crypto-repeat]', pass);
    await options.click('[data-testid=crypto-enable]');
    await options.waitForSelector('[data-testid=crypto-status][data-on=true][data-locked=false]', { timeout: 60_000 });
    await options.click('[data-testid=crypto-lock]');
    await options.waitForSelector('[data-testid=crypto-status][data-locked=true]');
    await options.close();
    expect((await storedSessions()).every((s) => s.sealed && s.notes === '' && !s.summary)).toBe(true);

    await openHistory('sessions');
    await page.waitForSelector('[data-testid=history-locked] [data-testid=unlock]');
    expect(await page.$('[data-testid=history-list]')).toBeNull();
    await page.fill('[data-testid=unlock-passphrase]', pass);
    await page.click('[data-testid=unlock-submit]');
    await page.waitForSelector('[data-testid=history][data-ready=true]');
    expect(await rowIds()).toEqual(['s6', 's4', 's3', 's1']);
    await page.fill('[data-testid=filter-search]', 'sam');
    await expect.poll(rowIds).toEqual(['s1']);
    await page.fill('[data-testid=filter-search]', '');
    // Notes saved while unlocked are stored sealed again.
    await page.click('[data-session-id=s4] [data-testid=edit-notes]');
    await page.fill('[data-testid=notes-input]', 'Sealed note');
    await page.click('[data-testid=save-notes]');
    await page.waitForSelector('[data-testid=notes-form]', { state: 'detached' });
    const s4 = (await storedSessions()).find((s) => s.id === 's4')!;
    expect(s4.notes).toBe('');
    expect(s4.sealed).toBeTruthy();
    await page.fill('[data-testid=filter-search]', 'sealed note');
    await expect.poll(rowIds).toEqual(['s4']);
    await page.fill('[data-testid=filter-search]', '');
  });

  it('is linked from the popup and the settings page', async () => {
    const popup = await b.context.newPage();
    await popup.goto(b.url('popup.html'));
    expect(await popup.getAttribute('[data-testid=history-link]', 'href')).toBe(b.url('history.html'));
    await popup.goto(b.url('options.html'));
    expect(await popup.getAttribute('[data-testid=history-page-link]', 'href')).toBe('/history.html');
    await popup.close();
  });

  it('takes screenshots light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await openHistory('sessions');
      await page.mouse.move(0, 0);
      await screenshotsAt1xAnd2x(page, `history-${scheme}`);
      await openHistory('trends');
      await screenshotsAt1xAnd2x(page, `history-trends-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: null });
  });
});
