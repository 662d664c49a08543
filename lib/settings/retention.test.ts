// Protects the retention setting: 90 days when nothing is stored, "keep forever" survives storage (WXT would read a bare null as the default), and odd stored values fall back to the default.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_RETENTION_DAYS, parseRetention, readRetentionDays, RETENTION_CHOICES, retentionDays, setRetentionDays } from './retention';

beforeEach(() => fakeBrowser.reset());

describe('retention setting', () => {
  it('is 90 days when nothing is stored', async () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(await readRetentionDays()).toBe(90);
  });

  it('stores every choice, "keep forever" (null) included, under local:retention', async () => {
    for (const days of RETENTION_CHOICES) {
      await setRetentionDays(days);
      expect(await readRetentionDays()).toBe(days);
      expect((await fakeBrowser.storage.local.get('retention')).retention).toEqual({ days });
    }
    expect(RETENTION_CHOICES).toEqual([30, 90, 180, 365, null]);
  });

  it('takes the default for values it cannot use', async () => {
    for (const bad of [{ days: 0 }, { days: -3 }, { days: 1.5 }, { days: '30' }, { days: 99_999 }, 'x', null, {}]) {
      expect(parseRetention(bad)).toEqual({ days: 90 });
    }
    await retentionDays.setValue({ days: -1 });
    expect(await readRetentionDays()).toBe(90);
  });
});
