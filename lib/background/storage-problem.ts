/**
 * The last time storing a call's seconds failed (e.g. the disk is full), kept for this browser
 * session so the popup can say so: the offscreen document that writes them has no UI of its own.
 */
import { storage } from 'wxt/utils/storage';

/** What went wrong, in the sample writer's words, and when. */
export interface StorageProblem {
  message: string;
  /** ms since the epoch. */
  at: number;
}

/** Longest message kept: one line for the popup. */
export const MAX_PROBLEM_LENGTH = 300;

/** The last storage problem, or null (`session:storageProblem`). */
export const storageProblem = storage.defineItem<StorageProblem | null>('session:storageProblem', { fallback: null, version: 1 });

/** Keeps a problem as the last one. */
export async function recordStorageProblem(message: unknown, at: number): Promise<void> {
  const text = (typeof message === 'string' ? message : String(message)).replace(/\s+/g, ' ').trim().slice(0, MAX_PROBLEM_LENGTH);
  if (!text) throw new Error('Empty storage problem.');
  await storageProblem.setValue({ message: text, at });
}

/** Forgets the last problem (the user read it). */
export function clearStorageProblem(): Promise<void> {
  return storageProblem.setValue(null);
}
