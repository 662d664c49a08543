import { defineConfig } from 'vitest/config';

/** Browser tests: the built extension in Debian Chromium (run `npm run build` first). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One Chromium at a time: the machine has two cores and the timings we report must not fight.
    fileParallelism: false,
  },
});
