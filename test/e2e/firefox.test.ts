// The Firefox package end to end in Debian's firefox-esr (WebDriver BiDi): it installs as a
// temporary add-on, its Practice page analyses Firefox's fake camera with the engine hosted in the
// background page (Firefox has no offscreen API), and a photo gives real cue values.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACES } from '../../scripts/support/paths';
import { buildFirefox, firefoxMissing, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';

const missing = firefoxMissing();
if (missing) console.warn(`Skipping the Firefox tests: ${missing}`);

const text = (page: Page, testid: string): Promise<string | null> =>
  page.$eval(`[data-testid=${testid}]`, (e) => e.textContent).catch(() => null);

describe.skipIf(missing !== null)('Firefox package (firefox-esr)', () => {
  let build: Awaited<ReturnType<typeof buildFirefox>>;
  let ff: FirefoxWithExtension;

  beforeAll(async () => {
    build = await buildFirefox();
    ff = await launchFirefoxWithExtension(build.dir);
  });
  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  it('is built without the offscreen document and with the gecko settings and the strict CSP', () => {
    const manifest = JSON.parse(readFileSync(join(build.dir, 'manifest.json'), 'utf8'));
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.permissions).not.toContain('offscreen');
    expect(manifest.browser_specific_settings.gecko.id).toBe('selfview@selfview.local');
    expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'");
    expect(build.output).toContain('offscreen'); // WXT names the skipped entrypoint
  });

  it('opens its onboarding page on install', async () => {
    expect(await ff.page.evaluate(() => location.pathname)).toBe('/onboarding.html');
  });

  it('analyses the fake camera on the Practice page with the engine in the background page', async () => {
    await ff.open('practice.html');
    await ff.page.waitForSelector('[data-testid=start]');
    await ff.page.click('[data-testid=start]');
    await ff.page.waitForFunction(() => /^[1-9]/.test(document.querySelector('[data-testid=fps]')?.textContent ?? ''), { timeout: 90_000 });
    const fps = await text(ff.page, 'fps');
    console.log(`Firefox practice: ${fps}; ${await text(ff.page, 'engine-ready')}`);
    expect(await text(ff.page, 'delegate')).toMatch(/^(CPU|GPU)$/);
    // Firefox's fake camera is a coloured test picture: analysed, with no face in it.
    expect(await text(ff.page, 'faces')).toBe('No face found');
    expect(await text(ff.page, 'live-error')).toBeNull();
  });

  it('keeps analysing past the 30 s after which Firefox ends an idle event page', async () => {
    await new Promise((r) => setTimeout(r, 40_000));
    expect(await text(ff.page, 'live-error')).toBeNull();
    expect(await ff.page.$eval('[data-testid=live]', (e) => e.getAttribute('data-phase'))).toBe('running');
    expect(await text(ff.page, 'fps')).toMatch(/^[1-9]/);
    await ff.page.click('[data-testid=stop]');
    await ff.page.waitForSelector('[data-testid=start]');
  });

  it('gives cue values for a photo analysed on the page', async () => {
    const input = await ff.page.$('input[data-testid=recording-input]');
    await input!.uploadFile(resolve(FACES, 'A/london/smiling/001_08.jpg'));
    await ff.page.waitForSelector('[data-testid=recording-rows] tbody tr', { timeout: 60_000 });
    const cells = await ff.page.$$eval('[data-testid=recording-rows] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent ?? ''));
    console.log(`Firefox photo row: ${cells.join(' | ')}`);
    expect(cells[1]).toBe('1'); // faces
    expect(Number(cells[3])).toBeGreaterThan(30); // smile (mouth corners up), a smiling face
    expect(await text(ff.page, 'recording-error')).toBeNull();
  });
});
