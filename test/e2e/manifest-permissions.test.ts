// Least privilege, visible in review: the permission surface of each built manifest (permissions,
// hosts, content scripts, web-accessible resources, CSP, external connections, page overrides) is
// kept as a file snapshot in test/snapshots/, so any widening changes a committed file. The Chromium
// build is always checked; the Firefox build when its directory exists beside it (`-b firefox --mv3`
// into the same SELFVIEW_OUT_DIR). docs/permissions.md says why each entry is there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../../scripts/support/paths';
import { BUILT_IN_MATCHES } from '../../lib/sites/call-sites';

type Manifest = Record<string, unknown> & { content_scripts?: Record<string, unknown>[] };

const OUT = dirname(EXTENSION_DIR);
const TARGETS = ['chrome-mv3', 'firefox-mv3'] as const;
const manifestOf = (target: string): Manifest => JSON.parse(readFileSync(resolve(OUT, target, 'manifest.json'), 'utf8')) as Manifest;
const sorted = (v: unknown): unknown => (Array.isArray(v) ? [...v].sort() : v ?? null);

/** The security-relevant part of a manifest; absent keys are written as null so that adding one shows. */
function permissionSurface(m: Manifest): Record<string, unknown> {
  return {
    manifest_version: m.manifest_version,
    permissions: sorted(m.permissions),
    optional_permissions: sorted(m.optional_permissions),
    host_permissions: sorted(m.host_permissions),
    optional_host_permissions: sorted(m.optional_host_permissions),
    content_scripts: (m.content_scripts ?? []).map((c) => ({
      js: c.js, world: c.world ?? 'ISOLATED', run_at: c.run_at ?? null, all_frames: c.all_frames ?? false,
      match_about_blank: c.match_about_blank ?? false, matches: sorted(c.matches), exclude_matches: sorted(c.exclude_matches),
    })),
    web_accessible_resources: m.web_accessible_resources ?? null,
    content_security_policy: m.content_security_policy ?? null,
    externally_connectable: m.externally_connectable ?? null,
    chrome_url_overrides: m.chrome_url_overrides ?? null,
    background: m.background ?? null,
    // Firefox's declaration of what the add-on collects ("none").
    data_collection_permissions: (m.browser_specific_settings as { gecko?: { data_collection_permissions?: unknown } } | undefined)?.gecko?.data_collection_permissions ?? null,
  };
}

describe.each(TARGETS)('the %s manifest', (target) => {
  // `npm run build` makes both packages: a missing one is a broken build, not a reason to skip.
  if (!existsSync(resolve(OUT, target, 'manifest.json'))) throw new Error(`No ${target} build in ${OUT}: run "npm run build" first.`);

  it('matches the reviewed permission snapshot', async () => {
    const text = `${JSON.stringify(permissionSurface(manifestOf(target)), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot(`../snapshots/manifest-${target}.json`);
  });

  it('asks for no broad host access, no tabs, and lets no web page or extension connect', () => {
    const m = manifestOf(target);
    const all = JSON.stringify([m.permissions, m.host_permissions, m.optional_permissions]);
    for (const broad of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*', '"tabs"', '"webRequest"', '"downloads"', '"history"', '"cookies"', '"debugger"']) expect(all).not.toContain(broad);
    // Host access to exactly the built-in call sites (what their content scripts once declared), so the
    // scripts can be registered there at run time once the user agreed; user sites are asked one by one.
    expect(sorted(m.host_permissions)).toEqual([...BUILT_IN_MATCHES].sort());
    expect(m.externally_connectable).toBeUndefined();
    // Chromium: nothing is web-accessible (the call scripts need no page-loadable file), so pages cannot probe for Selfview.
    // Elsewhere at most the page hook, and only for the built-in call sites.
    const war = (m.web_accessible_resources ?? []) as { resources: string[]; matches?: string[] }[];
    if (target === 'chrome-mv3') expect(war).toEqual([]);
    for (const w of war) {
      expect(w.resources.filter((r) => r !== 'content-scripts/call-hook.js')).toEqual([]);
      expect((w.matches ?? ['<none>']).filter((x) => !BUILT_IN_MATCHES.includes(x))).toEqual([]);
    }
    // history.html is Selfview's own page, not a replacement for the browser's history.
    expect(m.chrome_url_overrides).toBeUndefined();
  });

  it("declares no content script (they are registered only after the user agreed), under connect-src 'self' pages", () => {
    const m = manifestOf(target);
    expect(m.content_scripts ?? []).toEqual([]);
    const csp = (m.content_security_policy as { extension_pages: string }).extension_pages.split(';').map((d) => d.trim());
    expect(csp).toContain("connect-src 'self'");
  });
});
