// Extension pages (the offscreen engine included) may not connect anywhere but the extension:
// this is what stops @mediapipe/tasks-vision 1.1.0 posting usage metrics to Google every 60 s.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { EXTENSION_DIR, ROOT, requireBuilt } from '../../scripts/support/paths';

const METRICS_URL = 'https://odml.pa.googleapis.com/v1/log';
let b: ExtensionBrowser;

beforeAll(async () => {
  requireBuilt();
  b = await launchWithExtension();
});
afterAll(async () => b?.close());

describe('content security policy', () => {
  it("ships connect-src 'self' for every extension page", () => {
    const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp.split(';').map((d) => d.trim())).toEqual(["script-src 'self' 'wasm-unsafe-eval'", "object-src 'self'", "connect-src 'self'"]);
  });

  it('the bundled MediaPipe runtime still contains the metrics endpoint that the CSP has to block', () => {
    // If a MediaPipe upgrade drops it, this test tells us the CSP is no longer the only guard needed.
    const bundle = readFileSync(resolve(ROOT, 'node_modules/@mediapipe/tasks-vision/vision_bundle.mjs'), 'utf8');
    expect(bundle).toContain(METRICS_URL);
  });

  it('blocks the metrics POST from an extension page, with a CSP violation', async () => {
    const page = await b.context.newPage();
    await page.goto(b.url('analysis.html'));
    const outcome = await page.evaluate(async (url) => {
      const violation = new Promise<string>((res) => document.addEventListener('securitypolicyviolation', (e) => res(`${e.effectiveDirective} ${e.blockedURI}`)));
      const fetched = await fetch(url, { method: 'POST', body: 'x' }).then(() => 'sent', (e: Error) => `blocked: ${e.name}`);
      return { fetched, violation: await violation };
    }, METRICS_URL);
    expect(outcome.fetched).toBe('blocked: TypeError');
    expect(outcome.violation).toBe(`connect-src ${METRICS_URL}`);
  });
});
