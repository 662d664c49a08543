// Protects retention in the background: install/start creates one daily alarm and applies the choice at once; the alarm and a changed choice apply it again; a running call is never deleted.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { getDB } from '../db/schema';
import { createSession, endSession } from '../db/sessions';
import { setRetentionDays } from '../settings/retention';
import { RETENTION_ALARM, RETENTION_PERIOD_MIN, registerRetention, runRetention, startRetention } from './retention';

const DAY = 86_400_000;
const db = getDB();

/** A call that ended `daysAgo` days ago (null: still running, started a year ago). */
async function call(id: string, daysAgo: number | null): Promise<void> {
  const end = Date.now() - (daysAgo ?? 0) * DAY;
  await createSession(db, { id, site: 'meet', startedAt: daysAgo === null ? Date.now() - 365 * DAY : end - 60_000, settings: { sampleFps: 5 } });
  if (daysAgo !== null) await endSession(db, id, end, 'left');
}
const ids = async () => (await db.sessions.toCollection().primaryKeys()).sort();

beforeEach(async () => {
  fakeBrowser.reset();
  await db.sessions.clear();
  await call('old', 100);
  await call('month', 40);
  await call('new', 1);
  await call('running', null);
});
afterEach(() => fakeBrowser.reset());

describe('background retention', () => {
  it('creates one daily alarm at start and applies the default (90 days) at once', async () => {
    expect(await startRetention()).toBe(1);
    expect(await ids()).toEqual(['month', 'new', 'running']);
    const alarm = await fakeBrowser.alarms.get(RETENTION_ALARM);
    expect(alarm?.periodInMinutes).toBe(RETENTION_PERIOD_MIN);
    expect(RETENTION_PERIOD_MIN).toBe(1440);
    await startRetention();
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('applies the stored choice when the alarm fires, and ignores other alarms', async () => {
    registerRetention();
    await setRetentionDays(30);
    await runRetention(); // the watcher's run, awaited through the shared queue
    expect(await ids()).toEqual(['new', 'running']);
    await call('old2', 50);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: Date.now() });
    await runRetention(() => 0); // queued after anything the alarm started; now=0 deletes nothing
    expect(await ids()).toEqual(['new', 'old2', 'running']);
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETENTION_ALARM, scheduledTime: Date.now() });
    await runRetention(() => 0);
    expect(await ids()).toEqual(['new', 'running']);
  });

  it('keeps everything with "keep forever"', async () => {
    await setRetentionDays(null);
    expect(await runRetention()).toBe(0);
    expect(await ids()).toEqual(['month', 'new', 'old', 'running']);
  });
});
