/** Grouping coach packets by person and lining people up on one time axis. */
import { describe, expect, it } from 'vitest';
import type { PacketRecord } from '@/lib/db/schema';
import { summarize } from '@/lib/db/summaries';
import { recordedSeconds } from '@/lib/db/test-support';
import type { CoachPacket, PacketSession } from '@/lib/transfer/packet-schema';
import { groupPackets, sideBySide } from './TrainerModel';

const real = summarize(recordedSeconds(), 31, 0);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 1, 2, 10, 0);

function session(day: number, gaze: number | null): PacketSession {
  return {
    date: new Date(T0 + day * DAY).toISOString().slice(0, 10), startedAt: T0 + day * DAY, site: 'meet.google.com', durationS: real.durationS,
    judgedS: real.judgedS, shares: { ...real.shares, lookingAtCamera: gaze }, blinksPerMinute: real.blinksPerMinute,
    expressiveness: real.expressiveness, nudges: {}, perMinute: null,
  };
}
function record(id: string, person: string, sessions: PacketSession[]): PacketRecord {
  const packet: CoachPacket = { format: 'selfview-coach-packet', version: 1, id, createdAt: T0 + 10 * DAY, person, perMinute: false, sessions };
  return { id, person, createdAt: packet.createdAt, importedAt: T0 + 11 * DAY, packet };
}

const records = [
  record('0b6f1c1e-3c4a-4d38-9b7e-0a1b2c3d4e01', 'Sam', [session(0, 0.5), session(2, 0.6)]),
  // A second packet of Sam's repeats day 2 (with a corrected number) and adds day 3.
  record('0b6f1c1e-3c4a-4d38-9b7e-0a1b2c3d4e02', 'Sam', [session(2, 0.65), session(3, 0.7)]),
  record('0b6f1c1e-3c4a-4d38-9b7e-0a1b2c3d4e03', 'Alex', [session(1, 0.3), session(2, null)]),
  { ...record('0b6f1c1e-3c4a-4d38-9b7e-0a1b2c3d4e04', 'Broken', []), packet: { format: 'something else' } },
];

describe('the trainer view', () => {
  it('groups packets by person, merges repeated sessions, and skips packets that do not validate', () => {
    const people = groupPackets(records);
    expect(people.map((p) => [p.name, p.packets, p.sessions.length])).toEqual([['Alex', 1, 2], ['Sam', 2, 3]]);
    expect(people[1]!.sessions.map((s) => s.shares.lookingAtCamera)).toEqual([0.5, 0.65, 0.7]);
  });

  it('puts everyone on the union of session starts, with gaps where a person had no session', () => {
    const { x, series } = sideBySide(groupPackets(records), 'lookingAtCamera');
    expect(x).toEqual([0, 1, 2, 3].map((d) => T0 + d * DAY));
    expect(series).toEqual([
      { label: 'Alex', values: [null, 0.3, null, null] },
      { label: 'Sam', values: [0.5, null, 0.65, 0.7] },
    ]);
    const blinks = sideBySide(groupPackets(records), 'blinksPerMinute');
    expect(blinks.series[0]!.values[1]).toBe(real.blinksPerMinute);
  });
});
