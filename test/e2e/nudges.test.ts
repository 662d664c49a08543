// Feedback in a call with a real session behind it: sitting off to one side of the camera for half
// a minute brings a framing nudge to the popup (and the optional badge); "Not helpful" makes that
// reminder rarer; the after-call report marks the nudge on its timeline. Screenshots of the popup
// and the report at 1x and 2x are kept in test-results/ for review.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { closedShadowData } from '../support/closed-shadow';
import { dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { screenshotsAt1xAnd2x } from '../support/screenshots';
import { nudgeTrusted } from '../../lib/feedback/nudge-reliability';
import { buildWithFigures } from '../support/measured-build';
import { addSiteViaOptions, agree, startFromPopup, tabIdFor } from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  // This test is about the nudge's way to the popup, the badge and the report, not about the
  // reliability gate (its own tests): while the shipped figures hold framing back, run a copy of
  // the build where framing's cues are measured.
  const framing = { metric: 'accuracy', value: 0.99, n: 100, unit: 'photos', truth: 'test: framing measured' } as const;
  const extensionDir = nudgeTrusted('framing', false) ? undefined : buildWithFigures({ faceCentered: framing, faceSize: framing });
  b = await launchWithExtension({ extensionDir, camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8, 'offCentre') });
  await addSiteViaOptions(b, server.origin);
  await agree(b);
  const options = await b.context.newPage();
  await options.goto(b.url('options.html'));
  await options.check('[data-testid=overlay-toggle]');
  await options.close();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('nudges in a call', () => {
  it('gives a framing nudge after half a minute off to one side, in the popup and the badge', async () => {
    const call = await b.context.newPage();
    await call.goto(server.url);
    await call.click('#join');
    const tabId = await tabIdFor(b, server.url);
    const { popup, sessionId } = await startFromPopup(b, tabId);
    await popup.setViewportSize({ width: 340, height: 900 });
    const nudge = popup.locator('[data-testid=nudge]');
    await nudge.waitFor({ timeout: 90_000 });
    expect(await nudge.getAttribute('data-kind')).toBe('framing');
    expect(await nudge.textContent()).toMatch(/centre|center|side|frame/i);
    expect((await closedShadowData(call, 'selfview-overlay')).nudge).toBe('true');
    await screenshotsAt1xAnd2x(popup, 'popup-with-nudge');

    await popup.click('[data-testid=not-helpful]');
    await popup.waitForSelector('[data-testid=nudge-answer]');
    const stored = await b.worker.evaluate(async () => (await chrome.storage.local.get('nudgeAdaptation')).nudgeAdaptation);
    expect(stored).toEqual({ version: 1, factor: { framing: 1.25 } });

    await call.click('#leave');
    await expect.poll(async () => (await dbRows(popup)).sessions.find((s) => s.id === sessionId)?.endReason, { timeout: 20_000 }).toBe('left');
    const report = await b.context.newPage();
    await report.goto(b.url(`report.html?session=${sessionId}`));
    await report.waitForSelector('[data-testid=timeline] canvas');
    expect(Number(await report.getAttribute('[data-testid=timeline]', 'data-marks'))).toBeGreaterThanOrEqual(1);
    expect(await report.textContent('[data-testid=nudges]')).toContain('you marked it not helpful');
    await screenshotsAt1xAnd2x(report, 'report');
  });
});
