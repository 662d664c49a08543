/**
 * The local database: what a stored session and a stored second look like, and the versions of
 * the IndexedDB schema. Only derived numbers are stored — never frames, images or landmarks.
 *
 * Records outlive the code that wrote them, so every change to a stored shape or index is a new
 * `this.version(n)` below (with an `.upgrade()` when existing records must change); versions
 * already shipped are never edited.
 */
import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { SecondAggregate } from '../cues/types';
import type { NudgeText } from '../feedback/nudge-rules';

/** Name of the IndexedDB database (one per extension origin, shared by all its pages). */
export const DB_NAME = 'selfview';

/** Why a session ended. */
export const END_REASONS = ['stopped', 'left', 'tabClosed', 'navigatedAway', 'replaced', 'interrupted'] as const;
/** Why a session ended: the user stopped it, left the call, closed or navigated its tab, another session replaced it, or it was cut off (e.g. the browser quit). */
export type EndReason = (typeof END_REASONS)[number];

/**
 * The settings a session ran with, copied when it starts (so history stays readable after the
 * user changes them). Defined here rather than reused from the settings module, because this is a
 * stored shape: it may only change with a schema version.
 */
export interface SessionSettings {
  /** Frames per second requested from the camera. */
  sampleFps: number;
  /** The personal baseline the cues were measured against (absent or null: not calibrated). Not indexed, so no schema change. */
  baselineId?: string | null;
}

/** One call. */
export interface SessionRecord {
  /** Random UUID. */
  id: string;
  /** Where the call took place: a site id or an origin. */
  site: string;
  /** ms since the epoch. */
  startedAt: number;
  /** ms since the epoch, or null while the session runs (null is not indexed, so running sessions are absent from the `endedAt` index). */
  endedAt: number | null;
  /** null while the session runs. */
  endReason: EndReason | null;
  /** Number of stored samples (seconds) of this session. */
  seconds: number;
  notes: string;
  tags: string[];
  settings: SessionSettings;
}

/** One second of a session. */
export interface SampleRecord {
  sessionId: string;
  /** Second index from the session start (0, 1, 2 …). */
  t: number;
  /** ms since the epoch at the start of that second. */
  at: number;
  /** The 1-second aggregate of the face cues (plain numbers). */
  agg: SecondAggregate;
}

/** Primary key of a sample: `[sessionId, t]`, so writing the same second twice overwrites it. */
export type SampleKey = [sessionId: string, t: number];

/** A nudge Selfview gave during a session (schema v2). */
export interface NudgeRecord {
  sessionId: string;
  /** ms since the epoch. */
  at: number;
  /** Second index from the session start. */
  t: number;
  /** Which rule (see lib/feedback/nudge-config.ts). */
  kind: string;
  /** English words (for older readers and exports). */
  message: string;
  /** Key and numbers of the message, to show it in the user's language (absent in records from before it existed). */
  text?: NudgeText;
  /** The user said it was not helpful. */
  notHelpful: boolean;
}

/** Primary key of a nudge: `[sessionId, at]`. */
export type NudgeKey = [sessionId: string, at: number];

/** The Selfview database and its schema versions. */
export class SelfviewDB extends Dexie {
  // `declare`: Dexie defines the table properties itself; a class field would shadow them.
  declare readonly sessions: EntityTable<SessionRecord, 'id'>;
  declare readonly samples: Table<SampleRecord, SampleKey>;
  declare readonly nudges: Table<NudgeRecord, NudgeKey>;

  /** `options` lets tests pass their own `indexedDB`/`IDBKeyRange` (e.g. from fake-indexeddb). */
  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      sessions: 'id, startedAt, endedAt, site',
      // The compound primary key keeps a session's seconds together and in order of t.
      samples: '[sessionId+t], sessionId',
    });
    // v2: nudge events, kept with their session (feedback issue).
    this.version(2).stores({ nudges: '[sessionId+at], sessionId, kind' });
  }
}

let shared: SelfviewDB | null = null;

/** The database of this extension context (created on first use; Dexie opens it on the first query). */
export function getDB(): SelfviewDB {
  shared ??= new SelfviewDB();
  return shared;
}

/** A separate instance under its own name (tests pass a fresh fake `indexedDB` for isolation). */
export function createDB(name: string, options?: DexieOptions): SelfviewDB {
  return new SelfviewDB(name, options);
}
