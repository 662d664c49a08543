/** Finding sessions for the history page: by site, tag and start time, through the indexes. */
import type { SelfviewDB, SessionRecord } from './schema';

/** What to look for; every given field must match. `from`/`to` bound `startedAt` (ms since the epoch, both inclusive). */
export interface SessionFilter {
  site?: string;
  tag?: string;
  from?: number;
  to?: number;
}

/** Sessions matching the filter, newest start first. The most selective index available narrows the read. */
export async function findSessions(db: SelfviewDB, f: SessionFilter): Promise<SessionRecord[]> {
  const from = f.from ?? -Infinity;
  const to = f.to ?? Infinity;
  if (from > to) return [];
  const inRange = (s: SessionRecord) => s.startedAt >= from && s.startedAt <= to;
  if (f.tag !== undefined || f.site !== undefined) {
    const rows = f.tag !== undefined ? db.sessions.where('tags').equals(f.tag) : db.sessions.where('site').equals(f.site!);
    const found = await rows.filter((s) => inRange(s) && (f.site === undefined || s.site === f.site)).toArray();
    return found.sort((a, b) => b.startedAt - a.startedAt);
  }
  return db.sessions.where('startedAt').between(from, to, true, true).reverse().toArray();
}

/** Every site and every tag in use, sorted (for the history page's filters). */
export async function sitesAndTags(db: SelfviewDB): Promise<{ sites: string[]; tags: string[] }> {
  const [sites, tags] = await Promise.all([db.sessions.orderBy('site').uniqueKeys(), db.sessions.orderBy('tags').uniqueKeys()]);
  return { sites: sites.map(String), tags: tags.map(String) };
}
