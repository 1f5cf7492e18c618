import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';

const workspaceRoot = new URL('../..', import.meta.url).pathname;

/**
 * One vitest configuration for every project: tests run against the real
 * Postgres and NATS (see libs/platform/testing), so timeouts allow for I/O.
 */
export function projectTestConfig(projectDir: string, options: { passWithNoTests?: boolean } = {}) {
  const projectPath = relative(workspaceRoot, projectDir);
  return defineConfig({
    root: projectDir,
    cacheDir: `${workspaceRoot}node_modules/.vite/${projectPath}`,
    resolve: { tsconfigPaths: true },
    test: {
      name: projectPath,
      watch: false,
      globals: true,
      environment: 'node',
      include: ['{src,tests}/**/*.{test,spec}.{ts,mts,cts}'],
      passWithNoTests: options.passWithNoTests ?? false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      globalSetup: [`${workspaceRoot}libs/platform/testing/src/global-setup.ts`],
      reporters: ['default'],
    },
  });
}
