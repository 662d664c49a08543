// Protects the sender check every handler runs first: only this extension's own pages pass.
import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from './sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isOwnExtensionPage', () => {
  it('accepts any page of this extension', () => {
    expect(isOwnExtensionPage({ id: ID, url: `${ORIGIN}practice.html` }, ID, ORIGIN)).toBe(true);
    expect(isOwnExtensionPage({ id: ID, url: `${ORIGIN}offscreen.html?x=1#y` }, ID, ORIGIN)).toBe(true);
    expect(isOwnExtensionPage({ id: ID, url: `chrome-extension://${ID}/deep/page.html` }, ID, `chrome-extension://${ID}`)).toBe(true);
  });

  it("rejects this extension's content scripts (same id, a web page's URL)", () => {
    expect(isOwnExtensionPage({ id: ID, url: 'https://meet.example.com/abc', tab: { id: 4 } }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: 'http://localhost:8080/' }, ID, ORIGIN)).toBe(false);
  });

  // These URLs have an opaque origin ("null"), as does chrome-extension:// under the standard URL parser.
  it.each(['data:text/html,<p>x</p>', 'about:blank', 'blob:null/1234', 'file:///tmp/x.html'])('rejects a content script in a frame at %s', (url) => {
    expect(isOwnExtensionPage({ id: ID, url }, ID, ORIGIN)).toBe(false);
  });

  it('rejects other extensions and pages that merely look alike', () => {
    expect(isOwnExtensionPage({ id: 'other', url: 'chrome-extension://other/x.html' }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: 'chrome-extension://other/x.html' }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: `moz-extension://${ID}/x.html` }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: `https://${ID}/x.html` }, ID, ORIGIN)).toBe(false);
  });

  it('rejects a sender without id or url, and malformed URLs', () => {
    expect(isOwnExtensionPage({ url: `${ORIGIN}x.html` }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: '' }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: 'not a url' }, ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: ID, url: `${ORIGIN}x.html` }, ID, 'not a url')).toBe(false);
  });
});
