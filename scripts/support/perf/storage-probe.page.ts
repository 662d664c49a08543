/**
 * Runs inside the offscreen document (bundled and evaluated there by `storage-probe.ts`): times the
 * extension's own SampleWriter — same code, same database, same sealer check — writing a scratch
 * session's seconds in the batches a call makes, then deletes that session. The engine does not
 * report its storage time, so this is how the bench gets it.
 */
import type { SecondAggregate } from '../../../lib/cues/types';
import { sealerFor } from '../../../lib/crypto/sealer-for';
import { SampleWriter } from '../../../lib/db/sample-writer';
import { getDB } from '../../../lib/db/schema';
import { createSession, deleteSession } from '../../../lib/db/sessions';

/** What to write: `batches` flushes of `perBatch` seconds each, `gapMs` apart, cycling `clip`. */
export interface ProbeOptions {
  batches: number;
  perBatch: number;
  gapMs: number;
  clip: SecondAggregate[];
}

/** Time of each flush (ms) and any storage problems the writer reported. */
export interface ProbeResult {
  batchMs: number[];
  errors: string[];
}

/** Writes and times the batches; the scratch session is deleted even when writing fails. */
export async function probe(o: ProbeOptions): Promise<ProbeResult> {
  const db = getDB();
  const startedAt = Date.now();
  const id = `bench-perf-storage-${startedAt}`;
  await createSession(db, { id, site: 'bench-perf', startedAt, settings: { sampleFps: 5, baselineId: null } });
  const errors: string[] = [];
  // As the offscreen engine makes it, except that only the probe's explicit flushes write.
  const writer = new SampleWriter(db, { sealer: () => sealerFor(db), onError: (m) => errors.push(m), flushMs: 3_600_000 });
  const batchMs: number[] = [];
  try {
    let t = 0;
    for (let b = 0; b < o.batches; b++) {
      for (let k = 0; k < o.perBatch; k++, t++) writer.add(id, t, startedAt + t * 1000, { ...o.clip[t % o.clip.length]!, t });
      const t0 = performance.now();
      await writer.flush();
      batchMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, o.gapMs));
    }
    await writer.close();
  } finally {
    await deleteSession(db, id);
  }
  return { batchMs, errors };
}
