// The settings page in the built extension: every setting changed through the page is stored at
// once (with a visible "Saved"), survives a reload, and the reset/remove buttons clear what was
// seeded in storage; the theme reaches other pages; the page works from the keyboard and keeps
// text contrast ≥ 4.5:1 in both themes. Screenshots at 1x and 2x, light and dark, go to test-results/.
//
// data-testids on options.html:
//   options (main; data-ready="true" once the settings are read)
//   section-<id> and <id>-saved (role=status, "✓ Saved") for id = sites, call, nudges, baseline, analysis, appearance
//   Call sites:    sites (table), tr[data-site=<key>], site-mode (select per row), site-input, add-site, sites-message, remove-site
//   During a call: overlay-toggle (checkbox), call-fps (select, 1–15)
//   Nudges:        quiet-toggle, nudge-kinds (fieldset), nudge-<kind> (checkbox) and nudge-<kind>-desc for
//                  kind = framing, lookAway, browFurrow, noSmile, lowBlink; quiet-note; smile-goal;
//                  adapted-kinds (text), reset-adaptation (button)
//   Your baseline: baseline-status (data-calibrated), calibrate-link, remove-baseline
//   Your calls:    retention (select: 30/90/180/365/forever), calls (table), select-call (checkbox per row), delete-call,
//                  delete-from / delete-to (date inputs), delete-range, delete-selected, delete-all, data-message,
//                  delete-confirmation with delete-confirm / delete-cancel (delete-all-confirm / delete-all-cancel and
//                  erase-settings for everything)
//   Analysis:      sample-fps (select, 1–30), delegate-auto / delegate-cpu / delegate-gpu (radios)
//   Appearance:    theme-auto / theme-light / theme-dark (radios)
//   About the measurements: section-measurements, measurements (list, li[data-cue][data-trusted]), measurement-floor;
//                  nudge-<kind>-rough under a nudge kind whose cue is not measured well enough
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/support/browser';
import { ROOT, requireBuilt } from '../../scripts/support/paths';
import { BASELINE_VERSION, NOT_CALIBRATED_TEXT, POSE_CUES, REST_CUES } from '../../lib/feedback/baseline';
import { currentWorker, launchPastOnboarding } from '../support/selfview-flow';

const SHOTS = resolve(ROOT, 'test-results');

let b: ExtensionBrowser;
let page: Page;

/** Everything in chrome.storage.local, read in the service worker. */
async function stored(): Promise<Record<string, unknown>> {
  return (await currentWorker(b)).evaluate(() => chrome.storage.local.get(null));
}
async function seed(items: Record<string, unknown>): Promise<void> {
  await (await currentWorker(b)).evaluate((v) => chrome.storage.local.set(v), items);
}
type Stored = {
  settings?: { sampleFps: number; delegate: string; overlay: boolean; callFps: number; theme: string };
  nudgePrefs?: { quiet: boolean; smileGoal: boolean; enabled: Record<string, boolean> };
  nudgeAdaptation?: { version: number; factor: Record<string, number> };
  baseline?: unknown;
  siteModes?: Record<string, string>;
};
const get = async <K extends keyof Stored>(key: K): Promise<Stored[K]> => ((await stored()) as Stored)[key];

async function openOptions(): Promise<void> {
  await page.bringToFront();
  await page.goto(b.url('options.html'));
  await page.waitForSelector('[data-testid=options][data-ready=true]');
  // Every section reads its own stored item: wait until all ten are on the page (nine settings and About the measurements).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^=section-]').length === 10);
}
/** The section's status shows "Saved" (or `text`) after a change. */
async function expectSaved(section: string, text = 'Saved'): Promise<void> {
  await expect.poll(() => page.textContent(`[data-testid=${section}-saved]`)).toContain(text);
}

/** Stores ended calls (one second each) straight into the extension's IndexedDB, as a finished call leaves them. */
async function seedCalls(calls: { id: string; startedAt: number }[]): Promise<void> {
  await page.evaluate(async (calls) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('selfview');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['sessions', 'samples'], 'readwrite');
    for (const c of calls) {
      tx.objectStore('sessions').put({ id: c.id, site: 'meet', startedAt: c.startedAt, endedAt: c.startedAt + 60_000, endReason: 'left', seconds: 1, notes: '', tags: [], settings: { sampleFps: 5 } });
      tx.objectStore('samples').put({ sessionId: c.id, t: 0, at: c.startedAt, agg: { t: 0, frames: 5 } });
    }
    await new Promise((res, rej) => {
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, calls);
}
/** Session ids and the session ids of samples, read from IndexedDB itself. */
async function storedCalls(): Promise<{ sessions: string[]; samples: string[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('selfview');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = (store: string) =>
      new Promise<{ id?: string; sessionId?: string }[]>((res) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => res(r.result as { id?: string; sessionId?: string }[]);
      });
    const out = { sessions: (await all('sessions')).map((s) => s.id!).sort(), samples: [...new Set((await all('samples')).map((s) => s.sessionId!))].sort() };
    db.close();
    return out;
  });
}

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, c: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((x) => Number(x) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(c)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Width of a PNG file, from its header. */
const pngWidth = (path: string) => readFileSync(path).readUInt32BE(16);

beforeAll(async () => {
  requireBuilt();
  ({ b, page } = await launchPastOnboarding());
  await page.setViewportSize({ width: 900, height: 900 });
  await openOptions();
});
afterAll(async () => {
  await b?.close();
});

describe('the settings page', () => {
  it('has the nine settings sections and About the measurements, with headings in order, and every control labelled and named for tests', async () => {
    const headings = await page.$$eval('main h1, main h2, main h3', (hs) => hs.map((h) => `${h.tagName}:${h.textContent}`));
    expect(headings).toEqual(['H1:Selfview settings', 'H2:Call sites', 'H2:During a call', 'H2:Nudges', 'H2:Cue sensitivity', 'H2:Your baseline', 'H2:Your calls', 'H2:Encryption at rest', 'H2:Analysis', 'H2:Appearance', 'H2:About the measurements']);
    const unnamed = await page.$$eval('main input, main select, main button, main a', (els) =>
      els
        .filter((el) => {
          const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent?.trim());
          return !labelled || !el.getAttribute('data-testid');
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
    expect(await page.locator('[role=status][data-testid$=-saved]').count()).toBe(9);
  });

  it('stores the cue sensitivity at once', async () => {
    await page.selectOption('[data-testid=sensitivity-smile]', 'more');
    await page.selectOption('[data-testid=sensitivity-gazeAtCamera]', 'less');
    await expect.poll(async () => (await b.worker.evaluate(() => chrome.storage.local.get('cueSensitivity'))).cueSensitivity)
      .toEqual({ smile: 'more', browFurrow: 'normal', gazeAtCamera: 'less' });
    await page.reload();
    expect(await page.inputValue('[data-testid=sensitivity-smile]')).toBe('more');
    await page.selectOption('[data-testid=sensitivity-smile]', 'normal');
    await page.selectOption('[data-testid=sensitivity-gazeAtCamera]', 'normal');
  });

  it('shows the defaults when nothing is stored', async () => {
    expect(await page.isChecked('[data-testid=overlay-toggle]')).toBe(false);
    expect(await page.inputValue('[data-testid=call-fps]')).toBe('5');
    expect(await page.inputValue('[data-testid=sample-fps]')).toBe('10');
    expect(await page.isChecked('[data-testid=delegate-auto]')).toBe(true);
    expect(await page.isChecked('[data-testid=theme-auto]')).toBe(true);
    expect(await page.isChecked('[data-testid=quiet-toggle]')).toBe(false);
    expect(await page.isChecked('[data-testid=smile-goal]')).toBe(false);
    for (const k of ['framing', 'lookAway', 'browFurrow', 'noSmile']) expect(await page.isChecked(`[data-testid=nudge-${k}]`)).toBe(true);
    expect(await page.isChecked('[data-testid=nudge-lowBlink]')).toBe(false);
    expect(await page.isDisabled('[data-testid=reset-adaptation]')).toBe(true);
    expect(await page.isDisabled('[data-testid=remove-baseline]')).toBe(true);
  });

  it('describes when each nudge appears, from the default thresholds', async () => {
    expect(await page.textContent('[data-testid=nudge-lookAway-desc]')).toContain('mostly not looked at the camera for about a minute');
    expect(await page.textContent('[data-testid=nudge-framing-desc]')).toContain('last 30 seconds');
    expect(await page.textContent('[data-testid=nudge-noSmile-desc]')).toContain('about 3 minutes');
    const blink = (await page.textContent('[data-testid=nudge-lowBlink-desc]'))!;
    expect(blink).toContain('Off by default');
    expect(blink).toMatch(/low frame rates.*misses short blinks/);
    expect(await page.textContent('main')).not.toMatch(/\b(happy|sad|angry|emotion|mood|feel)/i);
  });

  it('stores a call site mode at once', async () => {
    await page.selectOption('[data-site=meet] [data-testid=site-mode]', 'auto');
    await expectSaved('sites');
    await expect.poll(async () => (await get('siteModes'))?.meet).toBe('auto');
  });

  it('stores the call settings at once', async () => {
    await page.check('[data-testid=overlay-toggle]');
    await expectSaved('call');
    await expect.poll(async () => (await get('settings'))?.overlay).toBe(true);
    await page.selectOption('[data-testid=call-fps]', '8');
    await expect.poll(async () => (await get('settings'))?.callFps).toBe(8);
    expect((await page.locator('[data-testid=call-fps] option').allTextContents())).toEqual(['2', '3', '5 (default)', '8', '10', '15']);
  });

  it('stores the nudge choices at once', async () => {
    await page.check('[data-testid=quiet-toggle]');
    await expectSaved('nudges');
    await expect.poll(async () => (await get('nudgePrefs'))?.quiet).toBe(true);
    await page.waitForSelector('[data-testid=quiet-note]');
    await page.uncheck('[data-testid=nudge-framing]');
    await page.check('[data-testid=nudge-lowBlink]');
    await page.uncheck('[data-testid=nudge-noSmile]');
    await expect.poll(async () => (await get('nudgePrefs'))?.enabled).toEqual({ framing: false, lookAway: true, browFurrow: true, lowBlink: true, noSmile: false });
    // The smile goal turns the smile reminder on with it.
    await page.check('[data-testid=smile-goal]');
    await expect.poll(async () => (await get('nudgePrefs'))?.smileGoal).toBe(true);
    expect((await get('nudgePrefs'))?.enabled.noSmile).toBe(true);
    expect(await page.isChecked('[data-testid=nudge-noSmile]')).toBe(true);
  });

  it('stores the analysis settings at once', async () => {
    await page.selectOption('[data-testid=sample-fps]', '20');
    await expectSaved('analysis');
    await expect.poll(async () => (await get('settings'))?.sampleFps).toBe(20);
    await page.check('[data-testid=delegate-cpu]');
    await expect.poll(async () => (await get('settings'))?.delegate).toBe('cpu');
    // Changes in one section never undo another's (each write starts from what is stored).
    expect(await get('settings')).toMatchObject({ overlay: true, callFps: 8, sampleFps: 20, delegate: 'cpu', theme: 'auto' });
  });

  it('keeps every change after a reload', async () => {
    await openOptions();
    expect(await page.inputValue('[data-site=meet] [data-testid=site-mode]')).toBe('auto');
    expect(await page.isChecked('[data-testid=overlay-toggle]')).toBe(true);
    expect(await page.inputValue('[data-testid=call-fps]')).toBe('8');
    expect(await page.isChecked('[data-testid=quiet-toggle]')).toBe(true);
    expect(await page.isChecked('[data-testid=nudge-framing]')).toBe(false);
    expect(await page.isChecked('[data-testid=nudge-lowBlink]')).toBe(true);
    expect(await page.isChecked('[data-testid=smile-goal]')).toBe(true);
    expect(await page.inputValue('[data-testid=sample-fps]')).toBe('20');
    expect(await page.isChecked('[data-testid=delegate-cpu]')).toBe(true);
  });

  it('shows a rate set elsewhere that is not among the choices', async () => {
    const s = (await get('settings'))!;
    await seed({ settings: { ...s, callFps: 4 } });
    await expect.poll(() => page.inputValue('[data-testid=call-fps]')).toBe('4');
    await page.selectOption('[data-testid=call-fps]', '8');
    await expect.poll(async () => (await get('settings'))?.callFps).toBe(8);
  });

  it('resets what "not helpful" taught, and shows which nudges it had changed', async () => {
    expect(await page.textContent('[data-testid=adapted-kinds]')).toContain('Nothing learned yet');
    await seed({ nudgeAdaptation: { version: 1, factor: { lookAway: 1.5625, framing: 1.25 } } });
    // The page follows storage changes made elsewhere (a "not helpful" in a call).
    await expect.poll(() => page.isEnabled('[data-testid=reset-adaptation]')).toBe(true);
    const adapted = (await page.textContent('[data-testid=adapted-kinds]'))!;
    expect(adapted).toContain('Looking at the camera (56% longer)');
    expect(adapted).toContain('Framing');
    expect(adapted).not.toContain('Few blinks');
    await page.click('[data-testid=reset-adaptation]');
    await expectSaved('nudges', 'Reset');
    // The button goes disabled: focus moves to the text it changed rather than to the top of the page.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('adapted-kinds');
    await expect.poll(() => get('nudgeAdaptation')).toEqual({ version: 1, factor: {} });
    expect(await page.isDisabled('[data-testid=reset-adaptation]')).toBe(true);
    await openOptions();
    expect(await page.textContent('[data-testid=adapted-kinds]')).toContain('Nothing learned yet');
  });

  it('shows the calibration date, links to the practice page, and removes the calibration', async () => {
    expect(await page.textContent('[data-testid=baseline-status]')).toBe(NOT_CALIBRATED_TEXT);
    expect(await page.getAttribute('[data-testid=calibrate-link]', 'href')).toBe('/practice.html');
    const rest = { median: 0.1, spread: 0.02 };
    const baseline = {
      version: BASELINE_VERSION, frames: 100, used: 95, gaze: { median: 0.9, spread: 0.05 },
      rest: Object.fromEntries(REST_CUES.map((c) => [c, rest])), pose: Object.fromEntries(POSE_CUES.map((c) => [c, { median: 2, spread: 1 }])), shape: null,
    };
    const createdAt = Date.UTC(2025, 2, 14, 12, 0);
    await seed({ baseline: { id: 'b1', createdAt, baseline } });
    await expect.poll(() => page.getAttribute('[data-testid=baseline-status]', 'data-calibrated')).toBe('true');
    expect(await page.textContent('[data-testid=baseline-status]')).toMatch(/^Calibrated on .*2025/);
    expect(await page.getAttribute('[data-testid=baseline-status] time', 'datetime')).toBe(new Date(createdAt).toISOString());
    await page.click('[data-testid=remove-baseline]');
    await expectSaved('baseline', 'Calibration removed');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('baseline-status');
    await expect.poll(async () => (await get('baseline')) ?? null).toBeNull();
    expect(await page.textContent('[data-testid=baseline-status]')).toBe(NOT_CALIBRATED_TEXT);
    await openOptions();
    expect(await page.textContent('[data-testid=baseline-status]')).toBe(NOT_CALIBRATED_TEXT);
    expect(await page.isDisabled('[data-testid=remove-baseline]')).toBe(true);
  });

  it('deletes the calls of a date range (end day included) after confirming, really gone from IndexedDB', async () => {
    const noon = (d: number) => page.evaluate((d) => new Date(2025, 2, d, 12).getTime(), d);
    await seedCalls([{ id: 'e2e-10', startedAt: await noon(10) }, { id: 'e2e-12', startedAt: await noon(12) }, { id: 'e2e-15', startedAt: await noon(15) }]);
    await openOptions();
    await expect.poll(() => page.locator('[data-testid=calls] tr').count()).toBe(3);
    await page.fill('[data-testid=delete-from]', '2025-03-15');
    await page.fill('[data-testid=delete-to]', '2025-03-11');
    await page.click('[data-testid=delete-range]');
    expect(await page.textContent('[data-testid=data-message]')).toContain('start not after the end');
    await page.fill('[data-testid=delete-from]', '2025-03-11');
    await page.fill('[data-testid=delete-to]', '2025-03-15');
    await page.click('[data-testid=delete-range]');
    expect(await page.textContent('[data-testid=delete-confirmation] [role=alert]')).toMatch(/^Delete the 2 calls from .*2025 to .*2025\?/);
    await page.click('[data-testid=delete-cancel]');
    expect(await storedCalls()).toEqual({ sessions: ['e2e-10', 'e2e-12', 'e2e-15'], samples: ['e2e-10', 'e2e-12', 'e2e-15'] });
    await page.click('[data-testid=delete-range]');
    await page.click('[data-testid=delete-confirm]');
    await expectSaved('data', 'Deleted');
    await expect.poll(() => page.locator('[data-testid=calls] tr').count()).toBe(1);
    expect(await storedCalls()).toEqual({ sessions: ['e2e-10'], samples: ['e2e-10'] });
    // The last one through its checkbox and "Delete selected".
    await page.check('[data-testid=select-call]');
    await page.click('[data-testid=delete-selected]');
    await page.click('[data-testid=delete-confirm]');
    await page.waitForSelector('[data-testid=no-calls]');
    expect(await storedCalls()).toEqual({ sessions: [], samples: [] });
  });

  it('stores the retention choice and deletes calls older than it at once', async () => {
    expect(await page.inputValue('[data-testid=retention]')).toBe('90');
    const daysAgo = (n: number) => Date.now() - n * 86_400_000;
    await seedCalls([{ id: 'e2e-old', startedAt: daysAgo(40) }, { id: 'e2e-new', startedAt: daysAgo(2) }]);
    await openOptions();
    await page.selectOption('[data-testid=retention]', '30');
    await expectSaved('data');
    await expect.poll(async () => (await stored()).retention).toEqual({ days: 30 });
    await expect.poll(storedCalls).toEqual({ sessions: ['e2e-new'], samples: ['e2e-new'] });
    expect(await page.locator('[data-testid=calls] tr').count()).toBe(1);
    await page.selectOption('[data-testid=retention]', 'forever');
    await expect.poll(async () => (await stored()).retention).toEqual({ days: null });
    await openOptions();
    expect(await page.inputValue('[data-testid=retention]')).toBe('forever');
    await page.selectOption('[data-testid=retention]', '90');
    await expect.poll(async () => (await stored()).retention).toEqual({ days: 90 });
    await page.click('[data-testid=delete-call]');
    await page.waitForSelector('[data-testid=no-calls]');
  });

  it('switches to dark on this page and the popup, live, and to light against a dark system', async () => {
    const popup = await b.context.newPage();
    await popup.goto(b.url('popup.html'));
    await page.bringToFront();
    await page.check('[data-testid=theme-dark]');
    await expectSaved('appearance');
    await expect.poll(async () => (await get('settings'))?.theme).toBe('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme)).toBe('dark'); // an open page follows
    await popup.reload();
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme)).toBe('dark'); // and a newly opened one
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 22, 27)');
    // Light wins over a system that prefers dark; auto follows the system.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.check('[data-testid=theme-light]');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(251, 251, 253)');
    await page.check('[data-testid=theme-auto]');
    await expect.poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 22, 27)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(251, 251, 253)');
    await page.emulateMedia({ colorScheme: null });
    await popup.close();
    await page.bringToFront();
  });

  it('keeps muted text, links and status text at 4.5:1 or more in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      await page.check(`[data-testid=theme-${theme}]`);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const c = await page.evaluate(() => {
        const css = (sel: string, prop: 'color' | 'backgroundColor') => getComputedStyle(document.querySelector(sel)!)[prop];
        return {
          bg: css('body', 'backgroundColor'), card: css('.card', 'backgroundColor'), fg: css('body', 'color'),
          muted: css('.card .muted', 'color'), hint: css('.card .hint', 'color'), link: css('[data-testid=calibrate-link]', 'color'),
          saved: getComputedStyle(document.documentElement).getPropertyValue('--ok').trim(),
        };
      });
      const ratios = {
        'muted/bg': contrast(c.muted, c.bg), 'muted/card': contrast(c.muted, c.card), 'hint/card': contrast(c.hint, c.card),
        'link/bg': contrast(c.link, c.bg), 'link/card': contrast(c.link, c.card), 'fg/card': contrast(c.fg, c.card),
      };
      console.log(theme, Object.entries(ratios).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
      for (const v of Object.values(ratios)) expect(v).toBeGreaterThanOrEqual(4.5);
    }
    await page.check('[data-testid=theme-auto]');
  });

  it('works from the keyboard: Tab reaches the first control with a visible focus ring, Space toggles a checkbox', async () => {
    await openOptions();
    // The link to the history page comes first, then the first setting.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('history-page-link');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { testid: el.dataset.testid, site: el.closest('tr')?.dataset.site, outline: getComputedStyle(el).outlineStyle };
    });
    expect(first).toEqual({ testid: 'site-mode', site: 'meet', outline: 'solid' });
    // Tab on to the overlay checkbox; every stop on the way is a named control with a focus ring.
    const stops: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => ({ testid: (document.activeElement as HTMLElement).dataset.testid ?? '', outline: getComputedStyle(document.activeElement!).outlineStyle }));
      expect(f.outline, f.testid).toBe('solid');
      stops.push(f.testid);
      if (f.testid === 'overlay-toggle') break;
    }
    expect(stops.at(-1)).toBe('overlay-toggle');
    expect(stops.every((s) => s !== '')).toBe(true);
    const before = (await get('settings'))!.overlay;
    await page.keyboard.press('Space');
    await expect.poll(async () => (await get('settings'))?.overlay).toBe(!before);
    expect(await page.isChecked('[data-testid=overlay-toggle]')).toBe(!before);
    await expectSaved('call');
  });

  it('takes screenshots at 1x and 2x in light and dark', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await openOptions();
    const cdp = await b.context.newCDPSession(page);
    for (const theme of ['light', 'dark']) {
      await page.check(`[data-testid=theme-${theme}]`);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await page.mouse.move(0, 0);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      // Let "Saved" fade so the shot shows the page at rest.
      await expect.poll(() => page.textContent('[data-testid=appearance-saved]'), { timeout: 5_000 }).toBe('');
      for (const scale of [1, 2]) {
        // The whole page in one viewport, at this device scale (Playwright's own screenshot would keep the context's 1x).
        await cdp.send('Emulation.setDeviceMetricsOverride', { width: 900, height: 900, deviceScaleFactor: scale, mobile: false });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await cdp.send('Emulation.setDeviceMetricsOverride', { width: 900, height, deviceScaleFactor: scale, mobile: false });
        const path = resolve(SHOTS, `options-${theme}-${scale}x.png`);
        writeFileSync(path, Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64'));
        expect(pngWidth(path)).toBe(900 * scale);
      }
    }
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    await page.check('[data-testid=theme-auto]');
  });
});
