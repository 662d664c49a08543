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
  /** What the history page shows and compares (schema v3); computed once the session has ended, absent before (and when encrypted: then it is inside `sealed`). */
  summary?: SessionSummary;
  /** With encryption at rest (v3): `{ notes, summary }` sealed; `notes` is then '' and `summary` absent. */
  sealed?: Sealed;
}

/** A ratio of well-tracked seconds (0..1), or null when none could be judged. */
export type Share = number | null;

/**
 * A finished session in numbers (schema v3): enough for lists, trends and goals without reading
 * its seconds again. A stored shape: changes only with a schema version.
 */
export interface SessionSummary {
  /** Shape version of this object. */
  v: 1;
  durationS: number;
  /** Seconds with a well-tracked face (the base of the shares). */
  judgedS: number;
  /** Seconds with no face or poor tracking. */
  unreadS: number;
  shares: {
    lookingAtCamera: Share;
    smiling: Share;
    browsDrawn: Share;
    mouthOpen: Share;
    headTurned: Share;
    offCentre: Share;
  };
  blinksPerMinute: number | null;
  /** Mean expression movement of the judged seconds. */
  expressiveness: number | null;
  /** Nudges given in the session. */
  nudges: number;
}

/** The cues a summary (and so a goal or a trend) can be about. */
export type SummaryCue = keyof SessionSummary['shares'];

/**
 * An encrypted value (schema v3): AES-GCM over its JSON, with the data key `keyId` (a `KeyRecord`).
 * Only the private key unlocked by the passphrase can open the data key, so writing needs no passphrase.
 */
export interface Sealed {
  keyId: string;
  /** 12-byte AES-GCM nonce. */
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** A data key, wrapped with the user's public key (schema v3). One per session and writer, so a restarted writer never needs an old key. */
export interface KeyRecord {
  id: string;
  sessionId: string;
  /** The AES-GCM key wrapped with RSA-OAEP. */
  wrapped: ArrayBuffer;
  createdAt: number;
}

/** A goal (schema v3): e.g. "looking at the camera at least 60% of the well-tracked time". */
export interface GoalRecord {
  id: string;
  cue: SummaryCue;
  /** 'atLeast': share ≥ target is met; 'atMost': share ≤ target is met. */
  direction: 'atLeast' | 'atMost';
  /** 0..1. */
  target: number;
  createdAt: number;
  /** When the user retired it; null while active. */
  archivedAt: number | null;
}

/** An imported coach packet (schema v3), kept for the trainer view. `packet` is the validated file content. */
export interface PacketRecord {
  /** The packet's own id (from the file), so importing it twice is detected. */
  id: string;
  /** The display name the person chose. */
  person: string;
  /** When the person made the packet (ms since the epoch). */
  createdAt: number;
  importedAt: number;
  packet: unknown;
}

/** Small named records (schema v3): e.g. `encryption` (salt, public key, wrapped private key). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** One second of a session. */
export interface SampleRecord {
  sessionId: string;
  /** Second index from the session start (0, 1, 2 …). */
  t: number;
  /** ms since the epoch at the start of that second. */
  at: number;
  /** The 1-second aggregate of the face cues (plain numbers); absent when encrypted (then in `sealed`). */
  agg?: SecondAggregate;
  /** With encryption at rest (v3): the sealed `agg`. */
  sealed?: Sealed;
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
  declare readonly goals: EntityTable<GoalRecord, 'id'>;
  declare readonly packets: EntityTable<PacketRecord, 'id'>;
  declare readonly keys: EntityTable<KeyRecord, 'id'>;
  declare readonly meta: EntityTable<MetaRecord, 'key'>;

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
    // v3 (history issue): tags become searchable (multi-entry index); goals, imported coach packets,
    // encryption keys and meta. Summaries are added to ended sessions lazily (see summaries.ts), so
    // no record needs rewriting here.
    this.version(3).stores({
      sessions: 'id, startedAt, endedAt, site, *tags',
      goals: 'id, createdAt',
      packets: 'id, person, createdAt, importedAt',
      keys: 'id, sessionId',
      meta: 'key',
    });
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
