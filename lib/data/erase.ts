/**
 * "Delete everything": every stored call and what belongs to the history (goals, imported packets,
 * keys), and on request the settings too — then Selfview is as freshly installed: every call script
 * is unregistered, user-added sites' permissions given back, and it asks for agreement again.
 */
import { browser } from 'wxt/browser';
import { lock } from '../crypto/vault';
import { getDB } from '../db/schema';
import { deleteEverythingInDB } from '../db/delete';
import { userSites } from '../sites/items';
import { removeUserSite, syncCallSiteScripts } from '../sites/registration';

/** Deletes everything in the database; with `alsoSettings`, also the sites, settings, baseline and consent. */
export async function eraseEverything({ alsoSettings }: { alsoSettings: boolean }): Promise<void> {
  await deleteEverythingInDB(getDB());
  // The encryption setup went with the database: forget the key unlocked for this browser session too.
  await lock();
  if (!alsoSettings) return;
  // The same path as "Remove" in Settings › Call sites: scripts unregistered, permission given back.
  for (const key of await userSites.getValue()) await removeUserSite(key);
  // Every setting, the baseline, the retention choice and the consent (so onboarding asks again).
  await browser.storage.local.clear();
  // Without consent no call script may stay registered, on the built-in sites either.
  await syncCallSiteScripts();
}
