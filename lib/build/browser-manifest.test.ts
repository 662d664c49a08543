// The Firefox package must not ask for Chromium-only keys (web-ext lint flags them) and must carry
// the gecko id and minimum versions; the Chromium package keeps its offscreen permission.
import { describe, expect, it } from 'vitest';
import { browserManifest, GECKO_ID } from './browser-manifest';

describe('browserManifest', () => {
  it('gives Firefox a gecko id, minimum versions and no Chromium-only keys', () => {
    const m = browserManifest('firefox');
    expect(m.permissions).toEqual(['storage', 'scripting', 'alarms', 'unlimitedStorage']);
    expect(m).not.toHaveProperty('minimum_chrome_version');
    expect(m).not.toHaveProperty('message_serialization');
    expect(m.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('gives Chromium the offscreen permission, structured-clone messaging and Chrome 148', () => {
    const m = browserManifest('chrome');
    expect(m.permissions).toEqual(['offscreen', 'storage', 'scripting', 'alarms', 'unlimitedStorage']);
    expect(m).toMatchObject({ minimum_chrome_version: '148', message_serialization: 'structured_clone' });
    expect(m).not.toHaveProperty('browser_specific_settings');
  });
});
