import { it } from 'vitest';
import { EventQueue } from './event-queue';
it('bench', async () => {
  for (const n of [10000, 15000, 20000]) {
    const q = new EventQueue(100, { now: () => 0, later: () => undefined });
    const t0 = performance.now();
    for (let i = 0; i < n; i++) void q.keyedJob('k', async () => i);
    console.log(n, (performance.now() - t0).toFixed(0), 'ms');
  }
});
