/**
 * Applies the user's retention in the background: once a day (a `browser.alarms` alarm, which
 * wakes the service worker), at browser start and install, and at once when the choice changes.
 */
import { browser } from 'wxt/browser';
import { getDB } from '../db/schema';
import { applyRetention } from '../db/retention';
import { readRetentionDays, retentionDays } from '../settings/retention';

/** Name of the daily alarm. */
export const RETENTION_ALARM = 'selfview-retention';
/** Once a day: retention is counted in days. */
export const RETENTION_PERIOD_MIN = 24 * 60;

let running: Promise<number> = Promise.resolve(0);

/** Deletes the calls older than the user's choice; runs one at a time. Resolves to how many were deleted (0 after a failure, which is logged). */
export function runRetention(now: () => number = Date.now): Promise<number> {
  const run = running.then(async () => applyRetention(getDB(), now(), await readRetentionDays()));
  running = run.catch((err: unknown) => {
    console.warn('Selfview retention:', err);
    return 0;
  });
  return running;
}

/** Listens for the alarm and for a changed choice. Call synchronously when the worker starts, so a waking alarm finds its listener. */
export function registerRetention(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) void runRetention();
  });
  retentionDays.watch(() => void runRetention());
}

/** At install and browser start: makes sure the daily alarm exists, and applies retention now. */
export async function startRetention(): Promise<number> {
  if (!(await browser.alarms.get(RETENTION_ALARM))) {
    await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: RETENTION_PERIOD_MIN, periodInMinutes: RETENTION_PERIOD_MIN });
  }
  return runRetention();
}
