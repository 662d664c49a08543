/**
 * Where Selfview works: the built-in video-call sites plus any origin the user adds. Pure: no
 * browser APIs here, so the matching rules are unit-tested in Node.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';

/** A site Selfview can run on. `key` identifies it in settings (built-in id or the user's origin). */
export interface CallSite {
  key: string;
  name: string;
  matches: string[];
  builtIn: boolean;
}

/** The call sites that work without asking for any extra permission. */
export const BUILT_IN_SITES: readonly CallSite[] = [
  { key: 'meet', name: 'Google Meet', matches: ['https://meet.google.com/*'], builtIn: true },
  { key: 'zoom', name: 'Zoom (web client)', matches: ['https://app.zoom.us/*', 'https://*.zoom.us/wc/*'], builtIn: true },
  { key: 'teams', name: 'Microsoft Teams', matches: ['https://teams.microsoft.com/*', 'https://teams.live.com/*', 'https://teams.cloud.microsoft/*'], builtIn: true },
  { key: 'jitsi', name: 'Jitsi Meet', matches: ['https://meet.jit.si/*'], builtIn: true },
  { key: 'webex', name: 'Webex', matches: ['https://*.webex.com/*'], builtIn: true },
  { key: 'whereby', name: 'Whereby', matches: ['https://whereby.com/*'], builtIn: true },
];

/** Every match pattern of the built-in sites (the manifest's content-script matches). */
export const BUILT_IN_MATCHES: string[] = BUILT_IN_SITES.flatMap((s) => s.matches);

/**
 * Normalises what a user typed ("meet.example.org", "https://jitsi.corp:8443/room") to an origin
 * pattern key like "https://jitsi.corp". Only http(s) hosts; http only for loopback addresses,
 * because a camera needs a secure context. Returns null for anything else.
 */
export function userSiteKey(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  // Without "scheme://", a colon may only start a port ("localhost:3000"): "https:/x" or "mailto:a@b" is no address.
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  // An empty label ("...", "a..b") is no host name.
  if (!host || host.includes('*') || host.split('.').includes('')) return null;
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (url.protocol === 'http:' && !loopback) return null;
  return `${url.protocol}//${host}`;
}

/** Match pattern for a user site key (match patterns carry no port: every port of the host). */
export const userSitePattern = (key: string): string => `${key}/*`;

/** A user-added site as a `CallSite`. */
export function userSite(key: string): CallSite {
  return { key, name: key.replace(/^https?:\/\//, ''), matches: [userSitePattern(key)], builtIn: false };
}

/** The call site a page URL belongs to, or null. Built-in sites win over user sites. */
export function siteForUrl(url: string, userKeys: readonly string[]): CallSite | null {
  const sites = [...BUILT_IN_SITES, ...userKeys.map(userSite)];
  for (const site of sites) {
    try {
      if (site.matches.some((m) => new MatchPattern(m).includes(url))) return site;
    } catch {
      /* an unparsable URL matches nothing */
    }
  }
  return null;
}
