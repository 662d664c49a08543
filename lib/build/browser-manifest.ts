/** The manifest keys that differ between the Chromium and the Firefox package (used by wxt.config.ts). */

/** Firefox add-on id (MV3 needs one for temporary installs and for AMO). */
export const GECKO_ID = 'selfview@selfview.local';

/** Permissions both browsers get. `alarms`: the daily retention clean-up; `unlimitedStorage`: months of per-second summaries must not hit the default quota mid-call. */
const SHARED_PERMISSIONS = ['storage', 'scripting', 'alarms', 'unlimitedStorage'];

/** The per-browser part of the manifest (`browser` as WXT names it: 'chrome', 'firefox', …). */
export function browserManifest(browser: string): Record<string, unknown> & { permissions: string[] } {
  if (browser === 'firefox')
    return {
      // No `offscreen`: Firefox has no such API; the engine runs in the background page, which is a
      // document (lib/background/firefox-engine.ts). Its messaging always uses structured clone, so
      // typed-array frames need no `message_serialization` opt-in.
      permissions: SHARED_PERMISSIONS,
      browser_specific_settings: {
        // 140 (ESR) reads `data_collection_permissions`; MAIN-world and registered content scripts need 128.
        gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        // Firefox for Android reads `data_collection_permissions` from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    };
  return {
    minimum_chrome_version: '148',
    // `offscreen`: the analysis engine needs a document, and a Chromium service worker is not one.
    permissions: ['offscreen', ...SHARED_PERMISSIONS],
    // Frames travel between extension contexts as typed arrays, not JSON (Chrome 148+).
    message_serialization: 'structured_clone',
  };
}
