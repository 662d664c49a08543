// Protects where Selfview runs: what a user may add as a call site (secure https origins, http only on loopback) and which page URLs count as call sites.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MATCHES, BUILT_IN_SITES, siteForUrl, userSite, userSiteKey, userSitePattern } from './call-sites';

describe('userSiteKey', () => {
  it.each([
    ['meet.example.org', 'https://meet.example.org'],
    ['  meet.example.org  ', 'https://meet.example.org'],
    ['https://jitsi.corp:8443/room?x', 'https://jitsi.corp'],
    ['HTTPS://Meet.Example.ORG/Room#frag', 'https://meet.example.org'],
    ['jitsi.corp:8443/room', 'https://jitsi.corp'],
    ['https://meet-corp.example.org/', 'https://meet-corp.example.org'],
    ['https://user:secret@meet.example.org/x', 'https://meet.example.org'],
  ])('normalises %j to the origin %j', (input, key) => {
    expect(userSiteKey(input)).toBe(key);
  });

  it.each([
    ['http://localhost:3000/call', 'http://localhost'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1'],
    ['http://[::1]:5000/x', 'http://[::1]'],
    ['localhost:3000', 'https://localhost'],
  ])('allows http only for loopback: %j → %j', (input, key) => {
    expect(userSiteKey(input)).toBe(key);
  });

  it.each(['http://meet.example.org', 'http://192.168.1.10', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example'])(
    'rejects plain http for a non-loopback host: %j',
    (input) => {
      expect(userSiteKey(input)).toBeNull();
    },
  );

  it.each(['ftp://files.example.org', 'javascript:alert(1)', 'data:text/html,<b>hi</b>', 'file:///etc/passwd', 'chrome://extensions', 'ws://meet.example.org', 'about:blank', 'blob:https://meet.example.org/abc'])(
    'rejects a non-http(s) scheme: %j',
    (input) => {
      expect(userSiteKey(input)).toBeNull();
    },
  );

  it.each(['', '   ', '*.example.org', 'https://*.example.org', 'https://*/*', '<all_urls>', '*://*/*'])('rejects empty input and wildcards: %j', (input) => {
    expect(userSiteKey(input)).toBeNull();
  });

  it.each(['not a url', 'https://exa mple.com', '%%%', 'https://', 'http://', 'https:example.com', '...', 'meet..example.org', 'https:/meet.example.org', 'http:/meet.example.org', 'mailto:someone@example.org'])(
    'rejects garbage: %j',
    (input) => {
      expect(userSiteKey(input)).toBeNull();
    },
  );

  it('gives a key that round-trips (normalising a key returns it unchanged)', () => {
    for (const input of ['meet.example.org', 'https://jitsi.corp:8443/room?x', 'http://localhost:3000', 'http://[::1]']) {
      const key = userSiteKey(input)!;
      expect(userSiteKey(key)).toBe(key);
    }
  });
});

describe('userSite', () => {
  it('describes a user key as a non-built-in site matching every path of that origin', () => {
    expect(userSite('https://jitsi.corp')).toEqual({ key: 'https://jitsi.corp', name: 'jitsi.corp', matches: ['https://jitsi.corp/*'], builtIn: false });
    expect(userSitePattern('http://localhost')).toBe('http://localhost/*');
  });
});

describe('siteForUrl', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://app.zoom.us/wc/123/join', 'zoom'],
    ['https://us05web.zoom.us/wc/123/join', 'zoom'],
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0', 'teams'],
    ['https://teams.live.com/meet/9312345678901', 'teams'],
    ['https://teams.cloud.microsoft/v2/', 'teams'],
    ['https://meet.jit.si/Room', 'jitsi'],
    ['https://company.webex.com/meet/x', 'webex'],
    ['https://whereby.com/room', 'whereby'],
  ])('matches the built-in site of %s', (url, key) => {
    const site = siteForUrl(url, []);
    expect(site?.key).toBe(key);
    expect(site?.builtIn).toBe(true);
  });

  it.each([
    'https://google.com',
    'https://www.google.com/search?q=meet.google.com',
    'https://evil.example/meet.google.com',
    'https://meet.google.com.evil.example/abc',
    'https://evil.example/?u=https://meet.google.com/abc',
    'http://meet.google.com/abc-defg-hij',
    'https://zoom.us.evil.example/wc/1',
    'https://webex.com.evil.example/meet/x',
    'https://notwhereby.com/room',
    'not a url',
    '',
  ])('does not match a non-call page: %j', (url) => {
    expect(siteForUrl(url, [])).toBeNull();
  });

  it('matches a user site on any port and path of its host, and nothing else', () => {
    const keys = ['https://jitsi.corp', 'http://localhost'];
    for (const url of ['https://jitsi.corp/', 'https://jitsi.corp/room?x=1', 'https://jitsi.corp:8443/deep/room']) {
      expect(siteForUrl(url, keys), url).toEqual(userSite('https://jitsi.corp'));
    }
    expect(siteForUrl('http://localhost:3000/call', keys)?.key).toBe('http://localhost');
    for (const url of ['http://jitsi.corp/room', 'https://sub.jitsi.corp/room', 'https://jitsi.corp.evil.example/', 'https://localhost/call', 'https://evil.example/https://jitsi.corp/']) {
      expect(siteForUrl(url, keys), url).toBeNull();
    }
  });

  it('does not match a user site the user has not added', () => {
    expect(siteForUrl('https://jitsi.corp/room', [])).toBeNull();
    expect(siteForUrl('https://jitsi.corp/room', ['https://other.corp'])).toBeNull();
  });

  it('lets a built-in site win over a user key for the same host', () => {
    const site = siteForUrl('https://meet.google.com/abc-defg-hij', ['https://meet.google.com']);
    expect(site).toEqual(BUILT_IN_SITES.find((s) => s.key === 'meet'));
  });
});

describe('BUILT_IN_MATCHES', () => {
  it('lists every built-in pattern, all https on named hosts, none matching every site', () => {
    expect(BUILT_IN_MATCHES).toEqual(BUILT_IN_SITES.flatMap((s) => s.matches));
    expect(BUILT_IN_MATCHES.length).toBeGreaterThanOrEqual(BUILT_IN_SITES.length);
    for (const m of BUILT_IN_MATCHES) {
      expect(m).not.toBe('<all_urls>');
      expect(m).not.toMatch(/^\*:\/\//);
      expect(m, m).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\//);
    }
    expect(BUILT_IN_MATCHES).not.toContain('*://*/*');
    expect(BUILT_IN_MATCHES).not.toContain('https://*/*');
  });
});
