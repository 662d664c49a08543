/**
 * The shapes of Selfview's files, as zod schemas: the single source of what a file may hold
 * (docs/export-schema.md describes the same fields for people). Every object is strict (an unknown
 * key is refused, so a typo or a file from a newer version is not half-read) and every value is
 * bounded (see fields.ts). A change of shape is a new `version`, never an edit of version 1.
 */
import { z } from 'zod';
import { ANGLE_CUES, SCORE_CUES, type CueName, type QualityIssue } from '../cues/types';
import { END_REASONS } from '../db/schema';
import type { NudgeTextKey } from '../feedback/nudge-rules';
import { fraction, freeText, idString, int, LIMITS, labelString, MAX_SECONDS, num, siteString, timeMs } from './fields';
import { MAX_ENVELOPE_BYTES } from './parse-json';

// zod 4 probes `new Function('')` to compile faster validators; the extension's CSP forbids eval, so
// the probe only produced CSP violation reports. Interpreted validation is fast enough for imports.
z.config({ jitless: true });

export { packetSchema, type CoachPacket } from './packet-schema';

/** `format` of a full export. */
export const EXPORT_FORMAT = 'selfview-export';
/** The export version this code writes and reads. */
export const EXPORT_VERSION = 1;
/** Most entries per list of an export. */
export const EXPORT_LIMITS = { sessions: 20_000, samples: 1_000_000, nudges: 200_000, goals: 1_000 } as const;

const QUALITY_ISSUES = ['noFace', 'tooSmall', 'tooDark', 'tooBright', 'lowContrast', 'turnedAway', 'cutOff'] as const satisfies readonly QualityIssue[];
const NUDGE_TEXT_KEYS = ['lookAway', 'browFurrow', 'noSmile', 'framing.offCentre', 'framing.tooClose', 'framing.tooFar', 'lowBlink'] as const satisfies readonly NudgeTextKey[];
const SUMMARY_CUES = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre'] as const;

/** Statistics of one cue over one second; scores are near 0..1 (relative to a baseline they can dip below), angles are degrees. */
const cueStats = (lo: number, hi: number) => z.strictObject({ mean: num(lo, hi), max: num(lo, hi), above: fraction });
const cueShape = {} as Record<CueName, ReturnType<typeof cueStats>>;
for (const c of SCORE_CUES) cueShape[c] = cueStats(-10, 10);
for (const c of ANGLE_CUES) cueShape[c] = cueStats(-360, 360);

/** One second's aggregate (lib/cues/types.ts `SecondAggregate`). */
export const aggregateSchema = z.strictObject({
  t: num(0, MAX_SECONDS),
  frames: int(0, 1000),
  faceFrames: int(0, 1000),
  faces: int(0, 100),
  quality: fraction,
  qualityIssue: z.enum(QUALITY_ISSUES).nullable(),
  blinks: int(0, 1000),
  expressiveness: fraction,
  cues: z.strictObject(cueShape).nullable(),
});

const share = fraction.nullable();
/** A finished session in numbers (lib/db/schema.ts `SessionSummary`). */
export const summarySchema = z.strictObject({
  v: z.literal(1),
  durationS: num(0, MAX_SECONDS),
  judgedS: int(0, MAX_SECONDS),
  unreadS: int(0, MAX_SECONDS),
  shares: z.strictObject(Object.fromEntries(SUMMARY_CUES.map((c) => [c, share])) as Record<(typeof SUMMARY_CUES)[number], typeof share>),
  blinksPerMinute: num(0, 1000).nullable(),
  expressiveness: fraction.nullable(),
  nudges: int(0, MAX_SECONDS),
});

/** A session with its opened notes and summary. */
export const sessionSchema = z.strictObject({
  id: idString,
  site: siteString,
  startedAt: timeMs,
  endedAt: timeMs.nullable(),
  endReason: z.enum(END_REASONS).nullable(),
  seconds: int(0, MAX_SECONDS),
  notes: freeText(LIMITS.notes),
  tags: z.array(labelString(LIMITS.tag)).max(LIMITS.tags),
  settings: z.strictObject({ sampleFps: num(0, 240), baselineId: idString.nullable() }),
  summary: summarySchema.nullable(),
});

/** One stored second. */
export const sampleSchema = z.strictObject({ sessionId: idString, t: int(0, MAX_SECONDS), at: timeMs, agg: aggregateSchema });

/** A nudge given in a session. */
export const nudgeSchema = z.strictObject({
  sessionId: idString,
  at: timeMs,
  t: int(0, MAX_SECONDS),
  kind: idString,
  message: freeText(LIMITS.nudgeMessage),
  text: z.strictObject({ key: z.enum(NUDGE_TEXT_KEYS), halfMinutes: int(0, 100_000).optional(), blinks: int(0, 1000).optional() }).nullable(),
  notHelpful: z.boolean(),
});

/** A goal. */
export const goalSchema = z.strictObject({
  id: idString,
  cue: z.enum(SUMMARY_CUES),
  direction: z.enum(['atLeast', 'atMost']),
  target: fraction,
  createdAt: timeMs,
  archivedAt: timeMs.nullable(),
});

/** A full export, version 1. */
export const exportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: timeMs,
  sessions: z.array(sessionSchema).max(EXPORT_LIMITS.sessions),
  samples: z.array(sampleSchema).max(EXPORT_LIMITS.samples),
  nudges: z.array(nudgeSchema).max(EXPORT_LIMITS.nudges),
  goals: z.array(goalSchema).max(EXPORT_LIMITS.goals),
});

/** A Selfview export (format "selfview-export", version 1). */
export type SelfviewExport = z.infer<typeof exportSchema>;
export type ExportSession = z.infer<typeof sessionSchema>;
export type ExportSample = z.infer<typeof sampleSchema>;
export type ExportNudge = z.infer<typeof nudgeSchema>;
export type ExportGoal = z.infer<typeof goalSchema>;

/** `format` of an encrypted file. */
export const ENCRYPTED_FORMAT = 'selfview-encrypted';
/** Base64 of at most `max` characters. */
const base64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be base64' });

/** An encrypted file: AES-GCM (256-bit key from PBKDF2-SHA-256 of the passphrase) over the JSON text of an export or packet. */
export const envelopeSchema = z.strictObject({
  format: z.literal(ENCRYPTED_FORMAT),
  version: z.literal(1),
  salt: base64(64),
  iterations: int(100_000, 10_000_000),
  iv: base64(64),
  data: base64(MAX_ENVELOPE_BYTES),
});
/** An encrypted file's envelope (format "selfview-encrypted", version 1). */
export type EncryptedEnvelope = z.infer<typeof envelopeSchema>;
