/** Seeding helpers for browser tests; they live in scripts/support/history-seed.ts (shared with `npm run bench:history`). */
export { clearDB, makeSessions, makeSummary, prng, seedDB } from '../../scripts/support/history-seed';
