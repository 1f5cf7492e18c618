import { defineConfig, mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../../tools/vitest/preset.mts';

/*
 * Benchmarks run through vitest only for its TypeScript + decorator transform;
 * they print a table and write bench-reports/<name>.json, and never fail on speed.
 * Not named vitest.config.* so that `npm test` does not pick them up.
 */
export default mergeConfig(
  projectTestConfig(import.meta.dirname),
  defineConfig({
    test: {
      include: ['src/**/*.bench.ts'],
      testTimeout: 600_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      reporters: ['default'],
    },
  }),
);
