/**
 * The trainer view's data, pure: imported coach packets grouped by person (sessions of several
 * packets merged, the same session counted once), and one metric of every person on a shared time axis.
 */
import type { PacketRecord } from '@/lib/db/schema';
import { packetSchema, type PacketSession } from '@/lib/transfer/packet-schema';
import type { Metric } from './HistoryModel';

/** One person's sessions, oldest first. */
export interface Person {
  name: string;
  packets: number;
  sessions: PacketSession[];
}

/** Packets grouped by the person's display name (packets that no longer validate are left out). */
export function groupPackets(records: readonly PacketRecord[]): Person[] {
  const people = new Map<string, { packets: number; byStart: Map<string, PacketSession> }>();
  for (const r of records) {
    const parsed = packetSchema.safeParse(r.packet);
    if (!parsed.success) continue;
    const p = people.get(r.person) ?? { packets: 0, byStart: new Map() };
    p.packets++;
    // A later packet repeating a session replaces it (same start and site is the same session).
    for (const s of parsed.data.sessions) p.byStart.set(`${s.startedAt}|${s.site}`, s);
    people.set(r.person, p);
  }
  return [...people]
    .map(([name, p]) => ({ name, packets: p.packets, sessions: [...p.byStart.values()].sort((a, b) => a.startedAt - b.startedAt) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A packet session's value of a metric. */
export function packetMetric(s: PacketSession, m: Metric): number | null {
  return m === 'blinksPerMinute' || m === 'expressiveness' ? s[m] : s.shares[m];
}

/** Every person's values of `m` on the union of their session starts (null where a person has no session then). */
export function sideBySide(people: readonly Person[], m: Metric): { x: number[]; series: { label: string; values: (number | null)[] }[] } {
  const x = [...new Set(people.flatMap((p) => p.sessions.map((s) => s.startedAt)))].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const series = people.map((p) => {
    const values: (number | null)[] = x.map(() => null);
    for (const s of p.sessions) values[index.get(s.startedAt)!] = packetMetric(s, m);
    return { label: p.name, values };
  });
  return { x, series };
}
