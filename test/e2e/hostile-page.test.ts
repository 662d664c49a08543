// A hostile call page: scripts on a registered call site try to read cues, forge frames and
// messages, reach the extension, tamper with Selfview's hint and badge, detect Selfview, load its
// pages, and start analysis without the user's opt-in. Each attempt fails or is harmless. (Forging
// a start, re-raising the hint, reopening the camera and flooding are in hostile-start.test.ts.)
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/support/browser';
import { FACES, requireBuilt } from '../../scripts/support/paths';
import { startCallPage } from '../support/call-page';
import { closedShadowParts } from '../support/closed-shadow';
import { callStateOf, dbRows } from '../support/extension-state';
import { y4mFromVideo } from '../support/fake-camera';
import { addSiteViaOptions, agree, capturingIn, currentWorker, offscreenCount, startFromPopup, tabIdFor } from '../support/selfview-flow';

let b: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startCallPage>>;
let call: Page;
let popup: Page;
let tabId: number;
const state = async () => callStateOf(await currentWorker(b));
const capturing = () => capturingIn(b, tabId);
const seconds = async (id: string) => (await dbRows(popup)).samples[id]?.length ?? 0;

/**
 * Installed in the page before its own scripts: records every window message and every DOM change
 * a page script could observe, and tries to force Selfview's shadow roots open.
 */
function spy(): void {
  const w = window as unknown as { spied: { messages: unknown[]; mutations: string[]; shadows: string[]; globals: string[] } };
  w.spied = { messages: [], mutations: [], shadows: [], globals: Object.getOwnPropertyNames(window) };
  window.addEventListener('message', (e) => w.spied.messages.push(e.data), true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    w.spied.shadows.push(this.localName);
    return attach.call(this, { ...init, mode: 'open' });
  };
  new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'attributes') w.spied.mutations.push(`${(m.target as Element).localName}@${m.attributeName}=${(m.target as Element).getAttribute(m.attributeName!)}`);
      for (const n of m.addedNodes) w.spied.mutations.push(`+${n.nodeName.toLowerCase()}${n instanceof Element ? ` ${n.outerHTML}` : ''}`);
      if (m.type === 'characterData') w.spied.mutations.push(`text=${m.target.nodeValue}`);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
type Spied = { messages: unknown[]; mutations: string[]; shadows: string[]; globals: string[] };
const spied = (): Promise<Spied> => call.evaluate(() => (window as unknown as { spied: Spied }).spied);

async function join(page: Page, url = server.url): Promise<void> {
  await page.goto(url);
  await page.click('#join');
  await page.waitForSelector('text=joined');
}

/** Everything inside a closed shadow root, joined (DevTools pierces it; page scripts cannot). */
const insideClosedShadow = async (page: Page, tag: string): Promise<string> => (await closedShadowParts(page, tag)).join('|');

beforeAll(async () => {
  requireBuilt({ faces: true });
  server = await startCallPage();
  b = await launchWithExtension({ camera: y4mFromVideo(resolve(FACES, 'B/cap13_edit2.mp4'), 2, 8) });
  await addSiteViaOptions(b, server.origin);
  call = await b.context.newPage();
  await call.addInitScript(spy);
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('a hostile page before the user agreed', () => {
  it('cannot start anything by claiming a camera and clicking around', async () => {
    await join(call);
    tabId = await tabIdFor(b, server.url);
    await call.evaluate(() => {
      for (let i = 0; i < 50; i++) window.postMessage({ source: 'selfview-call-hook', cameraOn: i % 2 === 0, deviceId: null, inCall: true }, '*');
      for (const el of [document.body, document.documentElement]) el.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 600, clientY: 500 }));
    });
    await call.waitForTimeout(1500);
    expect((await state()).active).toBeNull();
    expect(await capturing()).toBeFalsy();
    expect(await offscreenCount(b)).toBe(0);
    expect(await call.locator('selfview-prompt').count()).toBe(0);
    // Selfview's scripts are not even in the page before the agreement: the background knows no call here.
    expect((await state()).tabs[tabId]).toBeUndefined();
  });
});

describe('a hostile page after the user agreed (site set to "Ask me each call")', () => {
  it('cannot open the hint\'s closed shadow root, even with attachShadow patched', async () => {
    await agree(b);
    await join(call);
    await call.locator('selfview-prompt').waitFor({ state: 'visible', timeout: 15_000 });
    const seen = await call.evaluate(() => {
      const host = document.querySelector('selfview-prompt')!;
      return { shadowRoot: host.shadowRoot, text: host.textContent, html: host.innerHTML, patchedCalls: (window as unknown as { spied: Spied }).spied.shadows };
    });
    // The content script runs with its own copies of the DOM prototypes: the page's patch never ran.
    expect(seen).toEqual({ shadowRoot: null, text: '', html: '', patchedCalls: [] });
    expect(await insideClosedShadow(call, 'selfview-prompt')).toMatch(/toolbar.*Not now/); // the hint is there, for the user only
  });

  it('cannot answer the hint with scripted clicks, pointer or key events', async () => {
    await call.evaluate(() => {
      const host = document.querySelector('selfview-prompt') as HTMLElement;
      const box = host.getBoundingClientRect();
      // Where the "Not now" button is drawn (what a person would click).
      const x = box.x + 14 + 48, y = box.y + box.height - 12 - 16;
      const target = document.elementFromPoint(x, y) as HTMLElement; // retargeted to the host
      for (const el of [target, host]) {
        el.click();
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
          el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
        }
        el.focus();
        for (const type of ['keydown', 'keypress', 'keyup']) el.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', bubbles: true, composed: true }));
      }
    });
    await call.waitForTimeout(1500);
    expect((await state()).active).toBeNull();
    expect(await capturing()).toBeFalsy();
    expect(await call.locator('selfview-prompt').count()).toBe(1); // still there for the person
    expect((await state()).tabs[tabId]?.declined).toBe(false);
  });

  it('starts only from Selfview\'s own popup', async () => {
    ({ popup } = await startFromPopup(b, tabId));
    await expect.poll(capturing, { timeout: 30_000 }).toBeTruthy();
  });
});

describe('a hostile page during analysis', () => {
  let sessionId = '';

  it('finds no cue in window messages, DOM changes or globals, with the badge on', async () => {
    sessionId = (await state()).active!.id;
    const options = await b.context.newPage();
    await options.goto(b.url('options.html'));
    await options.check('[data-testid=overlay-toggle]');
    await options.close();
    await call.locator('selfview-overlay').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => insideClosedShadow(call, 'selfview-overlay'), { timeout: 10_000 }).toMatch(/data-quality=\d+/);
    await call.waitForTimeout(3000);
    const s = await spied();
    // Window messages: none at all. The hook talks to Selfview on a private channel, and WXT's
    // "content script started" message (which named the extension) is turned off.
    expect(s.messages).toEqual([]);
    // DOM: Selfview's two hosts, positioned by an inline style — no text, no numbers, no data attributes.
    const ours = s.mutations.filter((m) => /^\+?selfview-/.test(m));
    expect(ours.length).toBeGreaterThan(0);
    for (const m of ours) expect(m).toMatch(/^(\+selfview-(prompt|overlay) <selfview-(prompt|overlay) style="[^"]*"><\/selfview-(prompt|overlay)>|selfview-(prompt|overlay)@style=.*)$/);
    expect(s.mutations.filter((m) => m.startsWith('text='))).toEqual([]);
    const overlay = await call.evaluate(() => {
      const host = document.querySelector('selfview-overlay')!;
      return { shadowRoot: host.shadowRoot, text: host.textContent, attributes: host.getAttributeNames() };
    });
    expect(overlay).toEqual({ shadowRoot: null, text: '', attributes: ['style'] });
    // Globals: nothing added since the page started (the hook wraps existing functions only).
    const added = await call.evaluate((before) => Object.getOwnPropertyNames(window).filter((n) => !before.includes(n)), s.globals);
    expect(added.filter((n) => /selfview|cue|smile|brow|gaze|quality|landmark/i.test(n))).toEqual([]);
    expect(added.filter((n) => !['spied', 'camOffAt'].includes(n))).toEqual([]);
  });

  it('forged frames, engine messages and hook floods change nothing', async () => {
    const before = await seconds(sessionId);
    const deviceId = (await state()).tabs[tabId]!.deviceId;
    await call.evaluate((device) => {
      const frame = { type: 'frame', id: 1, ts: 1, still: false, sentAt: Date.now(), width: 320, height: 240, data: new Uint8ClampedArray(320 * 240 * 4) };
      for (let i = 0; i < 200; i++) {
        window.postMessage(frame, '*');
        window.postMessage({ type: 'session', sessionId: 'forged', startedAt: 0 }, '*');
        window.postMessage({ type: 'second', aggregate: { t: 0, frames: 99 } }, '*');
        window.postMessage({ type: 'end' }, '*');
        window.postMessage({ source: 'selfview-call-hook', cameraOn: true, deviceId: device, inCall: true }, '*');
        window.dispatchEvent(new CustomEvent('selfview', { detail: frame }));
      }
    }, deviceId);
    await expect.poll(() => seconds(sessionId), { timeout: 15_000 }).toBeGreaterThan(before + 2);
    await call.evaluate(() => void ((window as unknown as { spied: Spied }).spied.messages = [])); // the forgeries, seen by the spy too
    const rows = await dbRows(popup);
    expect(rows.sessions.map((s) => s.id)).toEqual([sessionId]);
    expect(Math.max(...rows.frames[sessionId]!)).toBeLessThanOrEqual(15); // no forged 99-frame second
    expect((await state()).active).toMatchObject({ id: sessionId, status: 'running' });
    expect(await capturing()).toBe(deviceId);
  });

  it("events dispatched at the hook's listeners only make it re-read the real camera", async () => {
    // The page's `let` bindings are not window properties: reach them from a script of the page's own.
    await call.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = `for (const t of stream.getVideoTracks()) t.dispatchEvent(new Event('ended'));
        for (const pc of [pc1, pc2]) { pc.dispatchEvent(new Event('connectionstatechange')); pc.dispatchEvent(new Event('signalingstatechange')); }
        window.dispatched = true;`;
      document.head.append(s);
    });
    expect(await call.evaluate(() => (window as unknown as { dispatched?: boolean }).dispatched)).toBe(true);
    await call.waitForTimeout(1500);
    expect((await state()).tabs[tabId]).toMatchObject({ cameraOn: true });
    expect(await capturing()).toBeTruthy();
  });

  it('has no channel into the extension (no runtime, no externally_connectable)', async () => {
    const probe = await call.evaluate((id) => {
      const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown; connect?: unknown; id?: string } } }).chrome;
      let sent = 'no runtime';
      try {
        c?.runtime?.sendMessage?.(id, { type: 'popupToBackgroundControl', data: { action: 'stop', tabId: null } });
        if (c?.runtime?.sendMessage) sent = 'sent';
      } catch (e) {
        sent = String(e);
      }
      return { sendMessage: typeof c?.runtime?.sendMessage, connect: typeof c?.runtime?.connect, id: c?.runtime?.id ?? null, sent };
    }, b.extensionId);
    expect(probe).toEqual({ sendMessage: 'undefined', connect: 'undefined', id: null, sent: 'no runtime' });
    expect((await state()).active?.status).toBe('running');
  });

  it("cannot fetch, embed, open or probe the extension's pages and files", async () => {
    const ext = `chrome-extension://${b.extensionId}/`;
    const files = ['popup.html', 'history.html', 'report.html', 'options.html', 'manifest.json', 'icon/128.png', 'content-scripts/call.js', 'content-scripts/call-hook.js', 'models/face_landmarker.task'];
    const results = await call.evaluate(async (urls) => {
      const out: Record<string, string> = {};
      for (const url of urls) {
        const fetched = await fetch(url).then(() => 'loaded', () => 'refused');
        const img = await new Promise<string>((res) => Object.assign(new Image(), { onload: () => res('loaded'), onerror: () => res('refused'), src: url }));
        const script = await new Promise<string>((res) => {
          const s = Object.assign(document.createElement('script'), { onload: () => res('loaded'), onerror: () => res('refused'), src: url });
          document.head.append(s);
        });
        out[url] = `${fetched} ${img} ${script}`;
      }
      return out;
    }, files.map((f) => ext + f));
    for (const f of files) expect(results[ext + f], f).toBe('refused refused refused');

    await call.evaluate((url) => {
      const f = Object.assign(document.createElement('iframe'), { src: url, id: 'probe' });
      document.body.append(f);
    }, `${ext}popup.html`);
    await call.waitForTimeout(1500);
    const frame = call.frames().find((f) => f !== call.mainFrame());
    expect(await frame?.evaluate(() => document.querySelector('[data-testid=popup]') !== null).catch(() => false)).toBe(false);
    const inside = await call.evaluate(() => (document.getElementById('probe') as HTMLIFrameElement).contentDocument?.body?.innerHTML ?? 'not readable');
    expect(inside).not.toMatch(/data-testid/);

    const opened = await Promise.all([b.context.waitForEvent('page', { timeout: 5000 }).catch(() => null), call.evaluate((url) => void window.open(url), `${ext}options.html`)]).then(([p]) => p);
    if (opened) {
      await opened.waitForLoadState().catch(() => undefined);
      expect(await opened.locator('[data-testid=site-input]').count()).toBe(0);
      await opened.close();
    }
    await call.evaluate(() => document.getElementById('probe')?.remove());
  });

  it('removing or restyling the badge does not stop analysis; the badge comes back', async () => {
    const before = await seconds(sessionId);
    await call.evaluate(() => document.querySelector('selfview-overlay')!.remove());
    await call.locator('selfview-overlay').waitFor({ state: 'attached', timeout: 5000 });
    await call.evaluate(() => {
      const host = document.querySelector('selfview-overlay') as HTMLElement;
      host.style.cssText = 'display:block;position:fixed;left:-9999px;opacity:0';
      host.setAttribute('data-quality', 'forged');
    });
    await expect.poll(() => seconds(sessionId), { timeout: 15_000 }).toBeGreaterThan(before + 2);
    expect(await capturing()).toBeTruthy();
    // The page's own attribute is the only one there: Selfview writes none a page could read.
    expect(await call.evaluate(() => document.querySelector('selfview-overlay')!.getAttributeNames().sort())).toEqual(['data-quality', 'style']);
  });
});

describe('detecting Selfview', () => {
  it('a page that is not a call site sees no trace of it', async () => {
    const other = await b.context.newPage();
    await other.addInitScript(spy);
    await join(other, server.url.replace('127.0.0.1', 'localhost'));
    await other.waitForTimeout(1000);
    const seen = await other.evaluate(() => ({
      gum: MediaDevices.prototype.getUserMedia.toString().includes('[native code]'),
      stop: MediaStreamTrack.prototype.stop.toString().includes('[native code]'),
      messages: (window as unknown as { spied: Spied }).spied.messages.length,
      elements: document.querySelectorAll('selfview-prompt, selfview-overlay').length,
    }));
    expect(seen).toEqual({ gum: true, stop: true, messages: 0, elements: 0 });
    await other.close();
  });

  it('on a call site after the agreement, the wrapped functions read as native and no message or file gives it away', async () => {
    const manifest = await (await currentWorker(b)).evaluate(() => chrome.runtime.getManifest());
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    const seen = await call.evaluate(() => ({
      gum: MediaDevices.prototype.getUserMedia.toString(),
      globals: Object.getOwnPropertyNames(window).filter((n) => /hook|selfview|wxt/i.test(n)),
    }));
    expect(seen).toEqual({ gum: 'function getUserMedia() { [native code] }', globals: [] });
    expect((await spied()).messages).toEqual([]);
  });
});
