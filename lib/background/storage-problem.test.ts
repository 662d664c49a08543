// Protects the storage-problem relay's store: the last problem is kept in session storage as one trimmed line with its time, and can be cleared.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { clearStorageProblem, MAX_PROBLEM_LENGTH, recordStorageProblem, storageProblem } from './storage-problem';

beforeEach(() => fakeBrowser.reset());

describe('storage problem', () => {
  it('keeps the last problem in session storage, as one line', async () => {
    expect(await storageProblem.getValue()).toBeNull();
    await recordStorageProblem('Could not save: x (1 second(s) will be retried).', 1);
    await recordStorageProblem('Storage is full: The quota has been exceeded.\n (5 second(s) were discarded).', 2);
    expect(await storageProblem.getValue()).toEqual({ message: 'Storage is full: The quota has been exceeded. (5 second(s) were discarded).', at: 2 });
    expect((await fakeBrowser.storage.session.get('storageProblem')).storageProblem).toEqual(await storageProblem.getValue());
  });

  it('cuts a long message and refuses an empty one', async () => {
    await recordStorageProblem('x'.repeat(1000), 3);
    expect((await storageProblem.getValue())!.message).toHaveLength(MAX_PROBLEM_LENGTH);
    await expect(recordStorageProblem('  ', 4)).rejects.toThrow('Empty');
  });

  it('is cleared when the user dismissed it', async () => {
    await recordStorageProblem('Storage is full: x', 5);
    await clearStorageProblem();
    expect(await storageProblem.getValue()).toBeNull();
  });
});
