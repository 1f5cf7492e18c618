import nx from '@nx/eslint-plugin';

/**
 * The module-boundary rule is the architecture's load-bearing wall: a business
 * service may import its own code, the shared client libs and platform plumbing,
 * nothing of a sibling. `tools/lint/boundary.spec.ts` proves it bites.
 */
const businessScopes = ['gateway', 'identity', 'audit', 'accounting', 'sales', 'staffing', 'complaints'];
const sharedForServices = ['scope:shared', 'scope:platform'];

export const depConstraints = [
  ...businessScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, ...sharedForServices],
  })),
  // Contracts are pure data: zod only, no workspace code.
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  // Platform plumbing has no business meaning and may not reach into contracts or clients.
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform'] },
  // The identity and audit client libs sit on contracts and platform only.
  { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:platform'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/prisma', '**/vitest.config.*.timestamp*', '**/node_modules', 'tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          // Shared build and test configuration, not code: every project may use it.
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/(vitest/preset\\.mts|webpack/service-config\\.js)$'],
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
