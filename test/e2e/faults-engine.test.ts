// Faults of the picture and the machine the engine survives: WebGL off and the GPU asked for (runs
// on CPU, nothing lost), minutes without a face (no crash, every second stored as "no face", no nudge, heap stable),
// a group photo in front of the camera (the same face is followed from frame to frame).
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { dbRows } from '../support/extension-state';
import { y4mFromImage, y4mFromVideo } from '../support/fake-camera';
import { analysedCall, launchOnProfile, removeProfile } from '../support/faults-browser';
import { browserCdp, offscreenHeap } from '../support/faults-cdp';
import { capturingIn } from '../support/selfview-flow';
import { cueValue, waitForCues } from '../support/practice-page';

let b: ExtensionBrowser | undefined;
afterEach(async () => {
  await b?.close();
  if (b) removeProfile(b.profile);
  b = undefined;
});

async function practice(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.url('practice.html'));
  await page.click('[data-testid=start]');
  await waitForCues(page);
  return page;
}

describe('engine faults', () => {
  it('WebGL off in pages, GPU asked for in settings: the engine still runs, on CPU (nothing lost)', async () => {
    requireBuilt({ faces: true });
    b = await launchOnProfile({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8), extraArgs: ['--disable-webgl', '--disable-3d-apis'] });
    await b.worker.evaluate(() => chrome.storage.local.set({ settings: { sampleFps: 10, delegate: 'gpu', overlay: false, callFps: 5, theme: 'auto' } }));
    const page = await practice(b);
    expect(await page.evaluate(() => document.createElement('canvas').getContext('webgl2'))).toBeNull();
    expect(await page.textContent('[data-testid=delegate]')).toBe('CPU');
    // The offscreen document's OffscreenCanvas still gets SwiftShader under these flags (removing that
    // too, with --disable-software-rasterizer, stops frames reaching the engine at all); a missing
    // renderer choosing CPU is unit-tested in lib/engine/delegate.test.ts.
    expect(await page.textContent('[data-testid=engine-ready]')).toMatch(/no WebGL available|software WebGL/);
    await expect.poll(() => page.textContent('[data-testid=fps]'), { timeout: 20_000 }).toMatch(/^[1-9]/);
    expect(await page.textContent('[data-testid=faces]')).toBe('1 face');
  });

  it('two minutes without a face: no crash, every second stored as "no face", no nudge, heap stable (nothing lost)', async () => {
    requireBuilt({ faces: true });
    const server = await startCallPage();
    try {
      b = await launchOnProfile({ camera: y4mFromImage(resolve(FACES, 'C/no_face/coffee.png')) });
      const { popup, sessionId, tabId } = await analysedCall(b, server);
      const cdp = await browserCdp(b);
      await popup.waitForTimeout(20_000); // warm-up: engine loaded, first batches written
      const warm = await offscreenHeap(cdp, b);
      const warmCount = (await dbRows(popup)).samples[sessionId]?.length ?? 0;
      await popup.waitForTimeout(100_000);
      const end = await offscreenHeap(cdp, b);
      const rows = await dbRows(popup);
      const ts = rows.samples[sessionId]!;
      console.log(`[faults-engine] no face for ${ts.length} s: offscreen heap ${(warm / 1e6).toFixed(1)} MB after 20 s → ${(end / 1e6).toFixed(1)} MB after 2 min; ${warmCount} → ${ts.length} seconds stored`);
      expect(await capturingIn(b, tabId)).toBeTruthy();
      expect(ts.length).toBeGreaterThanOrEqual(100);
      expect(ts).toEqual(Array.from({ length: ts.length }, (_, i) => ts[0]! + i)); // no second missing
      const quality = await popup.evaluate(async (id) => new Promise<{ faceFrames: number; quality: number; issue: string | null }[]>((done) => {
        const open = indexedDB.open('selfview');
        open.onsuccess = () => {
          const all = open.result.transaction('samples').objectStore('samples').getAll();
          all.onsuccess = () => done((all.result as { sessionId: string; agg: { faceFrames: number; quality: number; qualityIssue: string | null } }[])
            .filter((r) => r.sessionId === id).map((r) => ({ faceFrames: r.agg.faceFrames, quality: r.agg.quality, issue: r.agg.qualityIssue })));
        };
      }), sessionId);
      expect(quality.every((q) => q.faceFrames === 0 && q.quality === 0 && q.issue === 'noFace')).toBe(true);
      const nudges = await popup.evaluate(() => new Promise<number>((done) => {
        const open = indexedDB.open('selfview');
        open.onsuccess = () => {
          const n = open.result.transaction('nudges').objectStore('nudges').count();
          n.onsuccess = () => done(n.result);
        };
      }));
      expect(nudges).toBe(0);
      // After a garbage collection the heap holds what the session needs, not what it has seen.
      expect(end).toBeLessThan(warm * 1.5);
      await cdp.detach();
    } finally {
      await server.stop();
    }
  }, 240_000);

  it('a group photo: the same face is followed in every frame (no flipping between faces)', async () => {
    requireBuilt({ faces: true });
    b = await launchOnProfile({ camera: y4mFromImage(resolve(FACES, 'C/multi_face/obama_biden_two_people.jpg')) });
    const page = await practice(b);
    await expect.poll(() => page.textContent('[data-testid=faces]'), { timeout: 20_000 }).toMatch(/^2 faces/);
    const picked: { size: number; yaw: number; centred: number }[] = [];
    for (let i = 0; i < 40; i++) {
      picked.push({ size: Number(await cueValue(page, 'faceSize')), yaw: Number(await cueValue(page, 'headYaw')), centred: Number(await cueValue(page, 'faceCentered')) });
      await page.waitForTimeout(150);
    }
    const spread = (k: 'size' | 'yaw' | 'centred') => Math.max(...picked.map((p) => p[k])) - Math.min(...picked.map((p) => p[k]));
    console.log(`[faults-engine] group photo, picked face over ${picked.length} reads: face size ${spread('size').toFixed(3)}, yaw ${spread('yaw').toFixed(1)}°, centring ${spread('centred').toFixed(3)} apart at most; first ${JSON.stringify(picked[0])}`);
    // The two faces differ in size and pose by far more than a still picture's jitter.
    expect(spread('size')).toBeLessThan(0.03);
    expect(spread('yaw')).toBeLessThan(5);
  });
});
