import { defineConfig } from 'vitest/config';

// The fault tests kill brokers and run for minutes, so a plain `vitest run`
// (npm test) leaves them out: only `--project faults` (npm run test:faults) brings them in.
const faultsRequested = process.argv.some(
  (arg, i) => arg === '--project=faults' || (arg === 'faults' && process.argv[i - 1] === '--project'),
);
const faults = {
  test: {
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 180_000,
    // Starting brokers; on a clean machine the first start fetches Kafka's jars.
    hookTimeout: 300_000,
    fileParallelism: false,
  },
};

// Three API replicas behind HAProxy, with Redis and Kafka: run once by CI (npm run test:scale), not in npm test.
const scaleRequested = process.argv.some(
  (arg, i) => arg === '--project=scale' || (arg === 'scale' && process.argv[i - 1] === '--project'),
);
const scale = {
  test: {
    name: 'scale',
    include: ['test/scale/**/*.test.ts'],
    globalSetup: ['test/scale/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
};

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'http', include: ['test/http/**/*.test.ts'] } },
      // In-process, through a real grpc-js client (no broker).
      { test: { name: 'grpc', include: ['test/grpc/**/*.test.ts'] } },
      {
        test: {
          name: 'prism',
          include: ['test/prism/**/*.test.ts', 'test/consumer/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Headless Chromium on a shared 2-core machine: starting it and
          // hydrating a 2.5 MB page can take a while.
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          // The first oasdiff run downloads and compiles it with Go.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      ...(faultsRequested ? [faults] : []),
      ...(scaleRequested ? [scale] : []),
    ],
  },
});
