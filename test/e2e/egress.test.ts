// Zero egress, proven: every network request of every browser context — the extension's service
// worker, its offscreen engine, its pages and the call page Selfview runs in — is recorded through
// one browser-level DevTools connection during a several-minute session with a fake camera: set-up,
// more than three minutes of analysed call at the normal call rate, the popup, the after-call
// report, the history page with two exports, Settings, Practice and onboarding. No extension
// context may request anything but its own chrome-extension:// files (and data:/blob: of its own
// pages); attempts its Content Security Policy stopped (MediaPipe's usage metrics) are listed apart.
// The built pages load no remote script, and every page runs under connect-src 'self'.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { EXTENSION_DIR, FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { recordEgress, type EgressRecorder, type RecordedRequest } from '../support/egress';
import { dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { addSiteViaOptions, agree, tabIdFor } from '../support/selfview-flow';

const METRICS_URL = 'https://odml.pa.googleapis.com/v1/log';
/** More than three minutes of analysed call. */
const CALL_SECONDS = 185;
const PAGES = ['popup', 'practice', 'report', 'history', 'options', 'onboarding', 'analysis'] as const;

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
let rec: EgressRecorder;
let ext = '';
let sessionId = '';

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  // The DevTools port is only for the recorder (it listens on loopback).
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: ['--remote-debugging-port=0'] });
  ext = `chrome-extension://${b.extensionId}/`;
  rec = await recordEgress(b.profile);
});
afterAll(async () => {
  rec?.stop();
  await b?.close();
  await server?.stop();
});

/** The context a request came from: its document, or the worker/target that made it. */
const origin = (r: RecordedRequest): string => r.documentUrl || r.targetUrl;
const fromExtension = (r: RecordedRequest): boolean => origin(r).startsWith(ext) || r.targetUrl.startsWith(ext);
const fromCallPage = (r: RecordedRequest): boolean => !fromExtension(r) && origin(r).startsWith(server.origin);
const local = (url: string): boolean => url.startsWith(ext) || url.startsWith('data:') || url.startsWith('blob:');

async function open(path: string): Promise<Page> {
  const p = await b.context.newPage();
  await p.goto(b.url(path));
  return p;
}

describe('the built extension loads no remote code', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

  it('every HTML page loads only its own scripts and styles', () => {
    const html = files(EXTENSION_DIR).filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThanOrEqual(PAGES.length + 1); // + offscreen
    for (const f of html) {
      const srcs = [...readFileSync(f, 'utf8').matchAll(/<(?:script|link|iframe|img)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
      expect(srcs.length, f).toBeGreaterThan(0);
      for (const src of srcs) expect(src, `${f}: ${src}`).toMatch(/^(\/|\.\/|[\w-]+\/)/);
    }
  });

  it('no built script imports, injects or importScripts() a remote URL', () => {
    const remote = /(?:importScripts\s*\(|import\s*\(|\.src\s*=|<script[^>]*src=)\s*["'`](?:https?:)?\/\//;
    const js = files(EXTENSION_DIR).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
    expect(js.length).toBeGreaterThan(5);
    expect(js.filter((f) => remote.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it("every extension page runs under the manifest's connect-src 'self'", () => {
    const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const csp = (manifest.content_security_policy.extension_pages as string).split(';').map((d) => d.trim());
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // No page carries its own policy (a meta CSP could only add restrictions, but none is expected to exist).
    for (const f of files(EXTENSION_DIR).filter((x) => x.endsWith('.html'))) expect(readFileSync(f, 'utf8')).not.toMatch(/http-equiv=["']?content-security-policy/i);
  });
});

describe('a several-minute session with the fake camera', () => {
  it(`analyses a call for more than ${CALL_SECONDS - 5} s at the normal call rate`, async () => {
    await addSiteViaOptions(b, server.origin);
    await agree(b);
    const call = await b.context.newPage();
    await call.goto(server.url);
    await call.click('#join');
    await call.waitForSelector('text=joined');
    const tabId = await tabIdFor(b, server.url);
    await call.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 15_000 });
    const popup = await open(`popup.html?tab=${tabId}`);
    await popup.click('[data-testid=start]');
    sessionId = (await popup.waitForSelector('[data-testid=session][data-status=running]', { timeout: 30_000 }).then((s) => s.getAttribute('data-session-id')))!;
    await popup.waitForSelector('[data-testid=live-second]', { timeout: 30_000 });
    await expect.poll(async () => (await dbRows(popup)).samples[sessionId]?.length ?? 0, { timeout: (CALL_SECONDS + 90) * 1000, interval: 5000 }).toBeGreaterThanOrEqual(CALL_SECONDS);
    const frames = (await dbRows(popup)).frames[sessionId]!;
    const perSecond = frames.reduce((s, f) => s + f, 0) / frames.length;
    console.log(`egress session: ${frames.length} analysed seconds, ${perSecond.toFixed(1)} frames analysed per second (call rate setting 5)`);
    expect(perSecond).toBeGreaterThan(0);
    await popup.click('[data-testid=stop]');
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 15_000 }).toBe('stopped');
    await popup.close();
    await call.close();
  }, (CALL_SECONDS + 180) * 1000);

  it('opens the report, history (with a JSON and a CSV export), Settings, Practice and onboarding', async () => {
    const report = await open(`report.html?session=${sessionId}`);
    await report.waitForSelector(`[data-testid=report][data-session-id="${sessionId}"]`);
    await report.close();

    const history = await open('history.html');
    await history.waitForSelector('[data-testid=history][data-ready=true]');
    await history.click('[data-testid=tab-transfer]');
    await history.check('[data-testid=scope-all]');
    for (const button of ['export-json', 'export-csv']) {
      const [dl] = await Promise.all([history.waitForEvent('download'), history.click(`[data-testid=${button}]`)]);
      expect(dl.suggestedFilename()).toMatch(/^selfview-/);
    }
    await history.close();

    const options = await open('options.html');
    await options.waitForSelector('[data-testid=calls]');
    await options.close();

    const practice = await open('practice.html');
    await practice.click('[data-testid=start]');
    await expect.poll(() => practice.textContent('[data-testid=fps]'), { timeout: 30_000 }).toMatch(/^[1-9]/);
    await practice.click('[data-testid=stop]');
    await practice.close();

    const onboarding = await open('onboarding.html');
    await onboarding.waitForSelector('[data-testid=consent-state]');
    await onboarding.close();
  });

  it('recorded every extension context: service worker, offscreen engine and each page', () => {
    const seen = new Set(rec.targets.map((t) => (t.url.startsWith(ext) ? `${t.type} ${t.url.slice(ext.length).split(/[?#]/)[0]}` : '')));
    expect(seen).toContain('service_worker background.js');
    expect(seen).toContain('other offscreen.html');
    for (const p of ['popup', 'practice', 'report', 'history', 'options', 'onboarding']) expect(seen).toContain(`page ${p}.html`);
    // The recorder really sees each context's traffic: the engine's model and runtime, each page's scripts.
    const ours = rec.requests.filter(fromExtension);
    expect(ours.some((r) => r.targetUrl.endsWith('/offscreen.html') && r.url.endsWith('/models/face_landmarker.task'))).toBe(true);
    for (const p of ['popup', 'report', 'history', 'options', 'practice', 'onboarding']) {
      expect(ours.some((r) => origin(r).startsWith(`${ext}${p}.html`) && r.type === 'Script'), p).toBe(true);
    }
  });

  it('no extension context made a single request outside the extension', () => {
    const ours = rec.requests.filter(fromExtension);
    const outside = ours.filter((r) => !local(r.url));
    const dataOrBlob = ours.filter((r) => r.url.startsWith('data:') || r.url.startsWith('blob:'));
    console.log(
      `egress: ${rec.requests.length} requests recorded in the browser, ${ours.length} by extension contexts, ` +
        `${outside.length} of them to non-extension URLs; data:/blob: ${JSON.stringify(dataOrBlob.map((r) => `${r.url.slice(0, 40)}… from ${origin(r).slice(ext.length)}`))}`,
    );
    expect(outside).toEqual([]);
    expect(ours.length).toBeGreaterThan(50);
  });

  it("CSP stopped only MediaPipe's metrics posts (connect-src) and zod's eval probe (script-src)", () => {
    const list = rec.blocked.map((a) => `${a.directive} ${a.kind} ${a.url || '(eval)'} in ${a.targetUrl.slice(ext.length)} by ${a.sourceUrl.slice(ext.length)}`);
    console.log(`egress: ${rec.blocked.length} attempts blocked by CSP: ${JSON.stringify(list)}`);
    for (const a of rec.blocked) {
      expect(a.targetUrl.startsWith(ext)).toBe(true);
      // zod 4 probes `Function('')` once to choose its fast path; blocked, it falls back (no network involved).
      if (a.directive === 'script-src') expect([a.kind, a.url]).toEqual(['kEvalViolation', '']);
      else expect([a.directive, a.url]).toEqual(['connect-src', METRICS_URL]);
    }
  });

  it("the call page (and Selfview's scripts in it) requested nothing but the call page's own server", () => {
    const call = rec.requests.filter(fromCallPage);
    expect(call.some((r) => r.url === server.url)).toBe(true);
    expect(call.filter((r) => !r.url.startsWith(`${server.origin}/`))).toEqual([]);
  });

  it('nothing in the whole browser went anywhere but the extension, the browser itself and the local call page', () => {
    const elsewhere = rec.requests.filter((r) => !local(r.url) && !r.url.startsWith('chrome://') && !r.url.startsWith(`${server.origin}/`));
    expect(elsewhere).toEqual([]);
  });

  it("each extension page refuses a connection elsewhere (connect-src 'self' in force)", async () => {
    const probe = `${server.origin}/csp-probe`;
    for (const path of PAGES) {
      const p = await open(`${path}.html`);
      const outcome = await p.evaluate(async (url) => {
        const violation = new Promise<string>((res) => document.addEventListener('securitypolicyviolation', (e) => res(e.effectiveDirective)));
        const fetched = await fetch(url).then(() => 'sent', (e: Error) => `blocked: ${e.name}`);
        return { fetched, violation: await violation };
      }, `${probe}?${path}`);
      expect(outcome, path).toEqual({ fetched: 'blocked: TypeError', violation: 'connect-src' });
      await p.close();
    }
    // Blocked before the network: the recorder saw the violations, but no request.
    expect(rec.requests.filter((r) => r.url.startsWith(probe))).toEqual([]);
    await expect.poll(() => rec.blocked.filter((a) => a.url.startsWith(probe)).length).toBe(PAGES.length);
  });
});
