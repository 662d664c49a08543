/** The user's agreement to analyse their camera in calls. Nothing is captured in a call without it. */
import { storage } from 'wxt/utils/storage';

/** When the user agreed (ms epoch), or null. Version of the explanation they agreed to. */
export interface Consent {
  agreedAt: number | null;
  text: number;
}

/** Bumped when what Selfview measures or stores changes, so the user is asked again. */
export const CONSENT_TEXT_VERSION = 1;

export const consent = storage.defineItem<Consent>('local:consent', { fallback: { agreedAt: null, text: 0 }, version: 1 });

/** True when the user agreed to the current explanation. */
export async function hasConsent(): Promise<boolean> {
  const c = await consent.getValue();
  return c.agreedAt !== null && c.text >= CONSENT_TEXT_VERSION;
}
