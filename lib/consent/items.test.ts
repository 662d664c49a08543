// Protects the consent gate: nothing counts as agreed unless the user agreed to the current explanation.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CONSENT_TEXT_VERSION, consent, hasConsent } from './items';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('hasConsent', () => {
  it('is false when nothing is stored', async () => {
    expect(await consent.getValue()).toEqual({ agreedAt: null, text: 0 });
    expect(await hasConsent()).toBe(false);
  });

  it('is true after agreeing to the current text', async () => {
    await consent.setValue({ agreedAt: 1_700_000_000_000, text: CONSENT_TEXT_VERSION });
    expect(await hasConsent()).toBe(true);
  });

  it('is false for an agreement to an older text', async () => {
    await consent.setValue({ agreedAt: 1_700_000_000_000, text: CONSENT_TEXT_VERSION - 1 });
    expect(await hasConsent()).toBe(false);
  });

  it('is false when the current text is recorded but no agreement time', async () => {
    await consent.setValue({ agreedAt: null, text: CONSENT_TEXT_VERSION });
    expect(await hasConsent()).toBe(false);
  });

  it('is false again once the agreement is withdrawn (removed)', async () => {
    await consent.setValue({ agreedAt: 1, text: CONSENT_TEXT_VERSION });
    await consent.removeValue();
    expect(await hasConsent()).toBe(false);
  });

  it('reads the agreement stored under local:consent', async () => {
    await fakeBrowser.storage.local.set({ consent: { agreedAt: 5, text: CONSENT_TEXT_VERSION } });
    expect(await hasConsent()).toBe(true);
  });
});
