/**
 * The coach packet (format "selfview-coach-packet", version 1): what a person shares with a coach or
 * trainer. Aggregates only — per session the summary numbers and nudge counts, and per minute means
 * when the person ticked it; never notes, tags or single seconds.
 */
import { z } from 'zod';
import { fraction, idString, int, LIMITS, labelString, MAX_SECONDS, num, siteString, timeMs } from './fields';

/** `format` of a coach packet. */
export const PACKET_FORMAT = 'selfview-coach-packet';
/** The packet version this code writes and reads. */
export const PACKET_VERSION = 1;
/** Most sessions in one packet, and most minutes per session. */
export const PACKET_LIMITS = { sessions: 5_000, minutes: 24 * 60, nudgeKinds: 20 } as const;

const share = fraction.nullable();
const shares = z.strictObject({
  lookingAtCamera: share,
  smiling: share,
  browsDrawn: share,
  mouthOpen: share,
  headTurned: share,
  offCentre: share,
});

/** One minute of a session: the same measures as the session's, over that minute's seconds. */
export const packetMinuteSchema = z.strictObject({
  minute: int(0, PACKET_LIMITS.minutes - 1),
  judgedS: int(0, 60),
  shares,
  blinks: int(0, 60_000),
  expressiveness: fraction.nullable(),
});

/** One session of a packet. */
export const packetSessionSchema = z.strictObject({
  /** Local calendar date of the start, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' }),
  startedAt: timeMs,
  site: siteString,
  durationS: num(0, MAX_SECONDS),
  judgedS: int(0, MAX_SECONDS),
  shares,
  blinksPerMinute: num(0, 1000).nullable(),
  expressiveness: fraction.nullable(),
  nudges: z.record(idString, int(0, MAX_SECONDS)).refine((r) => Object.keys(r).length <= PACKET_LIMITS.nudgeKinds, { error: `may name at most ${PACKET_LIMITS.nudgeKinds} nudge kinds` }),
  perMinute: z.array(packetMinuteSchema).max(PACKET_LIMITS.minutes).nullable(),
});

/** A coach packet, version 1. */
export const packetSchema = z.strictObject({
  format: z.literal(PACKET_FORMAT),
  version: z.literal(PACKET_VERSION),
  id: z.uuid({ error: 'must be a UUID' }),
  createdAt: timeMs,
  person: labelString(LIMITS.displayName),
  perMinute: z.boolean(),
  sessions: z.array(packetSessionSchema).max(PACKET_LIMITS.sessions),
});

/** A coach packet (format "selfview-coach-packet", version 1). */
export type CoachPacket = z.infer<typeof packetSchema>;
export type PacketSession = z.infer<typeof packetSessionSchema>;
export type PacketMinute = z.infer<typeof packetMinuteSchema>;
