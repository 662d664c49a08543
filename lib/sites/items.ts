/** Stored site settings: user-added call sites and the per-site start mode. */
import { storage } from 'wxt/utils/storage';

/** What happens when a call starts on a site. */
export type SiteMode = 'ask' | 'auto' | 'never';

/** Origins (keys from `userSiteKey`) the user added, in the order added. */
export const userSites = storage.defineItem<string[]>('local:userSites', { fallback: [], version: 1 });

/** Per-site mode; a site without an entry uses 'ask'. */
export const siteModes = storage.defineItem<Record<string, SiteMode>>('local:siteModes', { fallback: {}, version: 1 });

/** The mode of one site. */
export async function modeOf(key: string): Promise<SiteMode> {
  const m = (await siteModes.getValue())[key];
  return m === 'auto' || m === 'never' ? m : 'ask';
}
