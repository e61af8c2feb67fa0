import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests see the same clock zone on every machine: a new account's zone is the machine's.
    env: { TZ: 'UTC' },
    // Starts (or finds) the PostgreSQL server the store contract suite also runs on.
    globalSetup: ['src/store/testing/global-setup.ts'],
    // the default output, then the suites this machine could not run, named in the last lines
    reporters: ['default', './test/skipped-suites-reporter.ts'],
  },
});
