// Protects stored goals: added with an id and creation time, listed oldest first, archived and deleted; invalid goals are refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SelfviewDB, SummaryCue } from './schema';
import { addGoal, archiveGoal, deleteGoal, listGoals } from './goals';
import { freshDB } from './test-support';

const T0 = 1_700_000_000_000;
let db: SelfviewDB;
beforeEach(() => {
  db = freshDB();
});
afterEach(() => db.close());

describe('goals', () => {
  it('adds, lists oldest first, archives and deletes', async () => {
    const b = await addGoal(db, { cue: 'browsDrawn', direction: 'atMost', target: 0.3 }, T0 + 5);
    const a = await addGoal(db, { cue: 'lookingAtCamera', direction: 'atLeast', target: 0.6 }, T0);
    expect(a).toEqual({ id: a.id, cue: 'lookingAtCamera', direction: 'atLeast', target: 0.6, createdAt: T0, archivedAt: null });
    expect(a.id).not.toBe(b.id);
    expect(await listGoals(db)).toEqual([a, b]);
    expect(await archiveGoal(db, a.id, T0 + 100)).toBe(true);
    expect(await archiveGoal(db, 'missing', T0)).toBe(false);
    expect((await listGoals(db))[0]!.archivedAt).toBe(T0 + 100);
    await deleteGoal(db, b.id);
    expect((await listGoals(db)).map((g) => g.id)).toEqual([a.id]);
  });

  it('refuses an unknown movement or direction and a target outside 0..1', async () => {
    await expect(addGoal(db, { cue: 'nodding' as SummaryCue, direction: 'atLeast', target: 0.5 }, T0)).rejects.toThrow('Unknown movement');
    await expect(addGoal(db, { cue: 'smiling', direction: 'more' as 'atLeast', target: 0.5 }, T0)).rejects.toThrow('Unknown direction');
    await expect(addGoal(db, { cue: 'smiling', direction: 'atLeast', target: 1.5 }, T0)).rejects.toThrow('between 0% and 100%');
    await expect(addGoal(db, { cue: 'smiling', direction: 'atLeast', target: Number.NaN }, T0)).rejects.toThrow('between 0% and 100%');
    expect(await db.goals.count()).toBe(0);
  });
});
