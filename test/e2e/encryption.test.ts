// Encryption at rest in the built extension: turned on in Settings (only after the no-recovery
// warning is confirmed and the passphrase typed twice), it seals the stored seconds, notes and
// summaries in the extension's own IndexedDB (no `agg` left, nothing of the passphrase or the
// private key stored, the unlocked key only in storage.session); the report asks for the passphrase
// while locked, refuses a wrong one and shows the same numbers after unlocking; turning it off
// restores the records exactly. Screenshots of the section and the unlock form go to test-results/. Calls are seeded (raw IndexedDB); the sealing of seconds written
// during a call by the offscreen writer is covered by lib/db/sample-writer.test.ts.
//
// data-testids: section-crypto, crypto-saved, crypto-status (data-on, data-locked), crypto-warning, crypto-confirm,
//   crypto-passphrase, crypto-repeat, crypto-problem, crypto-enable, crypto-progress, crypto-lock, crypto-disable;
//   unlock, unlock-passphrase, unlock-submit, unlock-error; report, report-locked, judged.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/support/browser';
import { requireBuilt } from '../../scripts/support/paths';
import { recordedSeconds } from '../../lib/db/test-support';
import { SHOTS } from '../support/screenshots';
import { currentWorker, launchPastOnboarding } from '../support/selfview-flow';
import { makeSessions, seedDB } from '../../scripts/support/history-seed';

const PASS = 'blue kettle at noon';
let b: ExtensionBrowser;
let page: Page;

/** Every row of the stores that encryption touches, read with the raw API; bytes as arrays so they compare and serialise. */
async function raw(): Promise<Record<'sessions' | 'samples' | 'keys' | 'meta', Record<string, unknown>[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('selfview');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const names = ['sessions', 'samples', 'keys', 'meta'] as const;
    const tx = db.transaction([...names], 'readonly');
    const reqs = names.map((n) => tx.objectStore(n).getAll());
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const plain = (v: unknown): unknown => {
      if (v instanceof ArrayBuffer) return { bytes: [...new Uint8Array(v)] };
      if (v instanceof Uint8Array) return { bytes: [...v] };
      if (Array.isArray(v)) return v.map(plain);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
      return v;
    };
    return Object.fromEntries(names.map((n, i) => [n, plain(reqs[i]!.result)])) as never;
  });
}

async function openOptions(): Promise<void> {
  await page.goto(b.url('options.html'));
  await page.waitForSelector('[data-testid=crypto-status]');
}
async function openReport(id: string): Promise<void> {
  await page.goto(b.url(`report.html?session=${id}`));
  await page.waitForSelector('[data-testid=report], [data-testid=report-locked]');
}
/** A picture of one element for review. */
async function shot(selector: string, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.locator(selector).screenshot({ path: resolve(SHOTS, `encryption-${name}.png`) });
}
const storageArea = async (area: 'local' | 'session') => (await currentWorker(b)).evaluate((a) => chrome.storage[a].get(null), area);

const sessions = makeSessions(2, { seed: 11, start: Date.UTC(2026, 0, 5, 9), everyMs: 86_400_000 });
sessions[0]!.notes = 'Board pitch, second run';

beforeAll(async () => {
  requireBuilt();
  ({ b, page } = await launchPastOnboarding());
  await openOptions(); // creates the v3 database
  await seedDB(page, sessions, sessions.map((s) => ({ sessionId: s.id, startedAt: s.startedAt, count: 31 })), recordedSeconds());
});
afterAll(async () => {
  await b?.close();
});

describe('encryption at rest', () => {
  let before: Awaited<ReturnType<typeof raw>>;
  let judged = '';

  it('turns on only after the warning is confirmed and the passphrase typed twice, then seals every stored record', async () => {
    before = await raw();
    await openReport(sessions[0]!.id);
    judged = (await page.textContent('[data-testid=judged]'))!;
    await openOptions();
    expect(await page.getAttribute('[data-testid=crypto-status]', 'data-on')).toBe('false');
    expect(await page.textContent('[data-testid=crypto-warning]')).toContain('no recovery');

    await page.fill('[data-testid=crypto-passphrase]', PASS);
    await page.fill('[data-testid=crypto-repeat]', PASS);
    await page.click('[data-testid=crypto-enable]');
    expect(await page.textContent('[data-testid=crypto-problem]')).toContain('Tick the box');
    await page.check('[data-testid=crypto-confirm]');
    await page.fill('[data-testid=crypto-repeat]', `${PASS}!`);
    await page.click('[data-testid=crypto-enable]');
    expect(await page.textContent('[data-testid=crypto-problem]')).toBe('The two passphrases differ.');
    await page.fill('[data-testid=crypto-passphrase]', 'short');
    await page.fill('[data-testid=crypto-repeat]', 'short');
    await page.click('[data-testid=crypto-enable]');
    expect(await page.textContent('[data-testid=crypto-problem]')).toContain('at least 8');
    await shot('[data-testid=section-crypto]', 'off');
    expect((await raw()).meta).toEqual([]);

    await page.fill('[data-testid=crypto-passphrase]', PASS);
    await page.fill('[data-testid=crypto-repeat]', PASS);
    await page.click('[data-testid=crypto-enable]');
    await page.waitForSelector('[data-testid=crypto-status][data-on=true][data-locked=false]');
    await expect.poll(() => page.textContent('[data-testid=crypto-saved]')).toContain('Encryption turned on');
    await shot('[data-testid=section-crypto]', 'on');

    const after = await raw();
    expect(after.samples).toHaveLength(62);
    expect(after.samples.every((r) => r.sealed && !('agg' in r))).toBe(true);
    expect(after.sessions.every((s) => s.sealed && s.notes === '' && !('summary' in s))).toBe(true);
    // What lists and retention need stays readable.
    expect(after.sessions.map((s) => [s.id, s.site, s.startedAt, s.endedAt, s.tags])).toEqual(before.sessions.map((s) => [s.id, s.site, s.startedAt, s.endedAt, s.tags]));
    expect(after.keys).toHaveLength(2);
    const stored = JSON.stringify(after);
    expect(stored).not.toContain(PASS);
    expect(stored).not.toContain('Board pitch');
    const kept = (await storageArea('session'))['vault-key'] as { privateKey: JsonWebKey };
    expect(kept.privateKey.d!.length).toBeGreaterThan(300);
    expect(stored).not.toContain(kept.privateKey.d!.slice(0, 40));
    expect(await storageArea('local')).not.toHaveProperty('vault-key');
  });

  it('the report asks for the passphrase while locked, refuses a wrong one, and shows the same numbers after unlocking', async () => {
    await page.click('[data-testid=crypto-lock]');
    await page.waitForSelector('[data-testid=crypto-status][data-locked=true]');
    expect(await storageArea('session')).not.toHaveProperty('vault-key');

    await openReport(sessions[0]!.id);
    expect(await page.isVisible('[data-testid=report-locked]')).toBe(true);
    await page.fill('[data-testid=unlock-passphrase]', 'blue kettle at nine');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=unlock-error]')).toBe('That passphrase is wrong. Check it and try again.');
    expect(await page.getAttribute('[data-testid=unlock-passphrase]', 'aria-invalid')).toBe('true');
    await shot('main', 'report-locked');

    await page.fill('[data-testid=unlock-passphrase]', PASS);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=report]');
    expect(await page.textContent('[data-testid=judged]')).toBe(judged);
    // Unlocked for the browser session: another page opens without asking.
    await openReport(sessions[1]!.id);
    expect(await page.isVisible('[data-testid=report]')).toBe(true);
  });

  it('turning it off restores every record exactly and deletes the keys and the vault', async () => {
    await openOptions();
    await page.waitForSelector('[data-testid=crypto-status][data-locked=false]');
    await page.click('[data-testid=crypto-disable]');
    await page.waitForSelector('[data-testid=crypto-status][data-on=false]');
    const after = await raw();
    expect(after.samples).toEqual(before.samples);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.keys).toEqual([]);
    expect(after.meta).toEqual([]);
  });
});
