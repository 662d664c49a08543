// Selfview in the browser's language: with Chromium in German (--lang=de) the popup, settings,
// practice, onboarding and report pages speak German (the live practice readout too, plurals
// included), and so do the prompt, notice and badge in a call page; with the default they speak
// English. Screenshots of the German popup and settings go to test-results/.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { y4mFromVideo } from '../support/fake-camera';
import { waitForCues } from '../support/practice-page';
import { screenshotsAt1xAnd2x } from '../support/screenshots';
import { addSiteViaOptions, agree, tabIdFor } from '../support/selfview-flow';

/** Waits for the onboarding page that opens on install; returns it. */
async function onboardingOf(b: ExtensionBrowser): Promise<Page> {
  const find = () => b.context.pages().find((p) => p.url().endsWith('/onboarding.html'));
  await vi.waitFor(() => expect(find()).toBeDefined(), { timeout: 10_000, interval: 100 });
  return find()!;
}

/**
 * Waits until the extension answers with its own messages (a fresh browser loads them with the
 * extension; a page opened before that shows empty texts). Times out — failing the test — if the
 * message never comes, as it would for a missing key.
 */
async function messagesLoaded(b: ExtensionBrowser): Promise<void> {
  await vi.waitFor(async () => expect(await b.worker.evaluate(() => chrome.i18n.getMessage('popup_idle'))).not.toBe(''), { timeout: 15_000, interval: 200 });
}

/** Opens an extension page in a new tab at `width`×900. */
async function open(b: ExtensionBrowser, path: string, ready: string, width = 900): Promise<Page> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(b.url(path));
  await page.waitForSelector(ready);
  return page;
}

const text = async (page: Page, selector = 'main'): Promise<string> => (await page.textContent(selector)) ?? '';

/**
 * The text of Selfview's element in a call page (`selfview-prompt`, `selfview-overlay`), read
 * through DevTools: it lives in a closed shadow root that page scripts and selectors cannot reach.
 * Text nodes are joined with "|"; '' when the element is not there.
 */
async function shadowText(page: Page, tag: string): Promise<string> {
  type Node = { nodeName: string; nodeType: number; nodeValue: string; children?: Node[]; shadowRoots?: Node[] };
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  await cdp.detach();
  const texts = (n: Node): string[] => (n.nodeType === 3 ? [n.nodeValue] : [...(n.shadowRoots ?? []), ...(n.children ?? [])].flatMap(texts));
  const find = (n: Node): Node | undefined => (n.nodeName === tag.toUpperCase() ? n : [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(find).find(Boolean));
  const el = find(root);
  return el ? texts(el).filter((t) => t.trim()).join('|') : '';
}

describe('with the browser in German', () => {
  let b: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof startCallPage>>;
  beforeAll(async () => {
    requireBuilt({ faces: true });
    server = await startCallPage();
    // A frontal face for the live readout on the practice page.
    b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: ['--lang=de'] });
    await messagesLoaded(b);
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('uses the German messages', async () => {
    expect(await b.worker.evaluate(() => chrome.i18n.getMessage('extDescription'))).toMatch(/^Private Rückmeldung zu deinem eigenen Gesicht/);
  });

  it('welcomes in German on install', async () => {
    const page = await onboardingOf(b);
    await page.waitForSelector('[data-testid=agree]');
    expect(await page.textContent('h1')).toBe('Willkommen bei Selfview');
    expect(await page.textContent('[data-testid=agree]')).toBe('Einverstanden – Selfview in meinen Anrufen nutzen');
    expect(await page.title()).toBe('Willkommen bei Selfview');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await page.close();
  });

  it('shows the popup in German, without overflowing its 320 px', async () => {
    const page = await open(b, 'popup.html', '[data-testid=idle]', 360);
    expect(await text(page, '[data-testid=idle]')).toBe('Tritt einem Anruf auf einer unterstützten Seite bei, dann bietet Selfview den Start an – oder übe jetzt.');
    expect(await text(page)).toContain('Einstellungen und Seiten');
    expect(await page.getAttribute('[data-testid=idle] a', 'href')).toMatch(/\/practice\.html$/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    // main.popup is 320 px wide (plus padding): no word may stick out of it.
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const right = Math.max(...[...main.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right));
      return Math.max(0, main.scrollWidth - main.clientWidth, right - main.getBoundingClientRect().right);
    });
    expect(overflow).toBe(0);
    await screenshotsAt1xAnd2x(page, 'i18n-de-popup');
    await page.close();
  });

  it('shows the settings in German', async () => {
    const page = await open(b, 'options.html', '[data-testid=section-appearance]');
    // Every section reads its own stored item: wait until all ten are on the page (nine settings and About the measurements).
    await expect.poll(() => page.locator('[data-testid^=section-]').count()).toBe(10);
    const headings = await page.$$eval('main h1, main h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(['Selfview-Einstellungen', 'Anrufseiten', 'Während eines Anrufs', 'Hinweise', 'Empfindlichkeit', 'Deine Kalibrierung', 'Deine Anrufe', 'Verschlüsselung der gespeicherten Daten', 'Analyse', 'Darstellung', 'Über die Messungen']);
    expect(await text(page, '[data-testid=measurement-floor]')).toMatch(/mindestens in 85\s% der Fälle/);
    expect(await text(page, '[data-testid=nudge-lookAway-desc]')).toBe(
      'Wenn du seit etwa einer Minute kaum in die Kamera geschaut hast; kurze Blicke auf Notizen zwischendurch setzen das nicht zurück.',
    );
    expect(await text(page, '[data-testid=nudge-framing-desc]')).toContain('den Großteil der letzten 30 Sekunden');
    expect(await text(page, '[data-testid=baseline-status]')).toBe('Nicht kalibriert – die Werte werden mit einem allgemeinen entspannten Gesicht verglichen, nicht mit deinem.');
    expect(await page.$$eval('[data-testid=call-fps] option', (os) => os.map((o) => o.textContent))).toContain('5 (Standard)');
    expect(await page.$$eval('[data-site=meet] [data-testid=site-mode] option', (os) => os.map((o) => o.textContent))).toEqual(['Bei jedem Anruf fragen', 'Automatisch starten', 'Nie']);
    expect(await page.title()).toBe('Selfview-Einstellungen');
    // A change is confirmed in German.
    await page.check('[data-testid=theme-light]');
    await expect.poll(() => page.textContent('[data-testid=appearance-saved]')).toBe('✓ Gespeichert');
    await page.check('[data-testid=theme-auto]');
    await screenshotsAt1xAnd2x(page, 'i18n-de-options');
    await page.close();
  });

  it('shows the practice page in German, the live readout included', async () => {
    const page = await open(b, 'practice.html', '[data-testid=start]');
    expect(await page.textContent('h1')).toBe('Üben mit Selfview');
    expect(await page.textContent('[data-testid=start]')).toBe('Kamera starten');
    expect(await page.getAttribute('[data-testid=video]', 'aria-label')).toBe('Deine Kamera (gespiegelt, nur für dich sichtbar)');
    await page.click('[data-testid=start]');
    await waitForCues(page);
    expect(await page.textContent('[data-testid=stop]')).toBe('Beenden');
    expect(await page.textContent('[data-testid=faces]')).toBe('1 Gesicht');
    expect(await page.textContent('[data-testid=engine-ready]')).toMatch(/^Analyse auf diesem Gerät mit (CPU|GPU) /);
    expect(await page.textContent('[data-testid=quality]')).toMatch(/^Erkennung: (gut|mäßig|schlecht) \(\d+\u00A0%\)/);
    expect(await page.textContent('[data-testid=calibration-state]')).toMatch(/^Nicht kalibriert/);
    expect(await page.textContent('[data-testid=cue-bars]')).toContain('Brauen zusammengezogen');
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-testid=start]');
    await page.close();
  });

  it('hints, notices and shows the badge in a call page in German', async () => {
    expect(await addSiteViaOptions(b, server.origin)).toMatch(/^http:\/\/127\.0\.0\.1 hinzugefügt\./);
    await agree(b);
    const options = await open(b, 'options.html', '[data-testid=overlay-toggle]');
    await options.check('[data-testid=overlay-toggle]');
    await options.close();
    const call = await b.context.newPage();
    await call.goto(server.url);
    await call.click('#join');
    await call.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await shadowText(call, 'selfview-prompt')).toBe(
      'Selfview kann dir in diesem Anruf private Rückmeldung zu deinem Gesicht geben. Zum Starten klicke in der Symbolleiste des Browsers auf das Selfview-Symbol. Nur du siehst sie; nichts verlässt dieses Gerät.|Nicht jetzt',
    );
    const starter = await open(b, `popup.html?tab=${await tabIdFor(b, server.url)}`, '[data-testid=start]', 360);
    expect(await starter.textContent('[data-testid=start-here]')).toMatch(/Deine Kamera ist darin an\..*Meine Kamera analysieren.*Nicht jetzt/);
    await starter.click('[data-testid=start]');
    await starter.close();
    // The badge: this second's tracking quality.
    await call.locator('selfview-overlay').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => shadowText(call, 'selfview-overlay'), { timeout: 10_000 }).toMatch(/^Selfview · (Erkennung \d+\u00A0%|dein Gesicht ist schwer zu erkennen.*)\|×$/);
    // The popup's session line, and the notice in the call page when paused from there.
    const popup = await open(b, `popup.html?tab=${await tabIdFor(b, server.url)}`, '[data-testid=session][data-status=running]', 360);
    expect(await text(popup, '[data-testid=session] p')).toMatch(/^(Deine Kamera wird analysiert|Kamera im Anruf aus) – 127\.0\.0\.1, \d+:\d\d$/);
    expect(await popup.textContent('[data-testid=pause]')).toBe('Pausieren');
    await popup.click('[data-testid=pause]');
    await expect.poll(() => shadowText(call, 'selfview-prompt'), { timeout: 10_000 }).toBe('Selfview ist pausiert.');
    expect(await popup.textContent('[data-testid=resume]')).toBe('Fortsetzen');
    await popup.click('[data-testid=stop]');
    await popup.close();
    await call.close();
  });

  it('shows the after-call report in German', async () => {
    const page = await open(b, 'report.html', '[data-testid=report]');
    expect(await page.textContent('h1')).toBe('Dein Anruf auf 127.0.0.1');
    expect(await text(page, '[data-testid=judged]')).toMatch(/^Selfview konnte dein Gesicht während \d+:\d\d des Anrufs gut sehen/);
    expect(await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent))).toEqual([
      'Wie sich dein Gesicht bewegt hat', 'Verlauf', 'Auf einen Blick', 'Was diese Zahlen sagen können – und was nicht',
    ]);
    await page.close();
  });
});

describe('with the browser in English (the default)', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    requireBuilt();
    b = await launchWithExtension();
    await messagesLoaded(b);
  });
  afterAll(async () => b?.close());

  it('shows the popup, settings and practice page in English', async () => {
    const onboarding = await onboardingOf(b).catch(() => null);
    await onboarding?.close();
    const popup = await open(b, 'popup.html', '[data-testid=idle]', 360);
    expect(await text(popup, '[data-testid=idle]')).toBe('Join a call on a supported site and Selfview will offer to start, or practise now.');
    expect(await text(popup)).toContain('Settings and sites');
    expect(await popup.getAttribute('html', 'lang')).toBe('en');
    await popup.close();

    const options = await open(b, 'options.html', '[data-testid=section-appearance]');
    expect(await options.textContent('main h1')).toBe('Selfview settings');
    expect(await text(options, '[data-testid=nudge-lookAway-desc]')).toContain('mostly not looked at the camera for about a minute');
    expect(await options.title()).toBe('Selfview settings');
    await options.close();

    const practice = await open(b, 'practice.html', '[data-testid=start]');
    expect(await practice.textContent('h1')).toBe('Selfview practice');
    expect(await practice.textContent('[data-testid=start]')).toBe('Start camera');
    expect(await practice.title()).toBe('Selfview — Practice');
    await practice.close();
  });
});
