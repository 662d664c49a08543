/** The user's goals (schema v3): what they want to see more or less of in their calls. */
import { SUMMARY_CUES } from '../feedback/goals';
import type { GoalRecord, SelfviewDB } from './schema';

/** What a new goal needs. */
export type NewGoal = Omit<GoalRecord, 'id' | 'createdAt' | 'archivedAt'>;

/** Stores a new active goal; throws on an unknown cue or direction, or a target outside 0..1. */
export async function addGoal(db: SelfviewDB, g: NewGoal, now: number): Promise<GoalRecord> {
  if (!SUMMARY_CUES.includes(g.cue)) throw new Error(`Unknown movement "${g.cue}".`);
  if (g.direction !== 'atLeast' && g.direction !== 'atMost') throw new Error(`Unknown direction "${g.direction}".`);
  if (!Number.isFinite(g.target) || g.target < 0 || g.target > 1) throw new Error('A goal is a share between 0% and 100%.');
  const goal: GoalRecord = { id: crypto.randomUUID(), cue: g.cue, direction: g.direction, target: g.target, createdAt: now, archivedAt: null };
  await db.goals.add(goal);
  return goal;
}

/** All goals, oldest first (active and archived). */
export function listGoals(db: SelfviewDB): Promise<GoalRecord[]> {
  return db.goals.orderBy('createdAt').toArray();
}

/** Retires a goal (kept, for its history); returns whether it existed. */
export async function archiveGoal(db: SelfviewDB, id: string, now: number): Promise<boolean> {
  return (await db.goals.update(id, { archivedAt: now })) === 1;
}

/** Deletes a goal. */
export function deleteGoal(db: SelfviewDB, id: string): Promise<void> {
  return db.goals.delete(id);
}
