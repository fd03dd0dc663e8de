import { defineConfig } from 'vitest/config';

// Unit tests sit beside the source (sdk/src/**/x.test.ts); integration and browser tests live
// under test/. Integration tests start real servers, so they run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['sdk/src/**/*.test.ts', 'circuits/**/*.test.ts', 'app/src/**/*.test.ts?(x)'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/system/systemBroker.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/system/systemBroker.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
