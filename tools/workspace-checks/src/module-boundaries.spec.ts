import { ScratchWorkspace } from './scratch-workspace';

/*
 * The boundary rule must bite, not be assumed to. One lint run over a scratch
 * workspace with the committed rule: each forbidden import sits in its own file
 * and must be reported there; the allowed imports must pass untouched.
 */
const lib = (root: string, alias: string, tags: string[], index = 'export const marker = 1;\n') => ({
  root,
  alias,
  tags,
  files: { 'src/index.ts': index },
});

describe('module boundaries (eslint.config.mjs)', () => {
  let workspace: ScratchWorkspace;
  let output: string;
  let status: number | null;

  beforeAll(() => {
    workspace = new ScratchWorkspace([
      lib('libs/internal-api', '@ido/internal-api', ['scope:shared', 'type:contracts'], "import { marker } from '@ido/platform-config';\nexport const contractMarker = marker;\n"),
      lib('libs/platform/config', '@ido/platform-config', ['scope:platform', 'type:platform']),
      lib('libs/identity', '@ido/identity', ['scope:shared', 'type:client']),
      lib('libs/sales-domain', '@ido/sales-domain', ['scope:sales', 'type:lib']),
      {
        root: 'apps/sales',
        tags: ['scope:sales', 'type:app'],
        files: { 'src/sales.module.ts': "import { marker } from '@ido/sales-domain';\nexport const salesModule = marker;\n" },
      },
      {
        root: 'apps/accounting',
        tags: ['scope:accounting', 'type:app'],
        files: {
          'src/allowed.ts':
            "import { marker as a } from '@ido/platform-config';\nimport { marker as b } from '@ido/identity';\nexport const allowed = a + b;\n",
          'src/imports-sibling-lib.ts': "import { marker } from '@ido/sales-domain';\nexport const forbidden = marker;\n",
          'src/imports-sibling-app.ts': "import { salesModule } from '../../sales/src/sales.module';\nexport const forbidden = salesModule;\n",
        },
      },
    ]);
    ({ status, output } = workspace.lint(['accounting', 'sales', 'internal-api']));
  }, 120_000);

  afterAll(() => workspace?.remove());

  /** ESLint's report for one file: its path line and the problem lines under it. */
  const problemsIn = (file: string) => output.split(/\n(?=\/\S+\.ts\n)/).find((section) => section.startsWith(`${workspace.root}/`) && section.split('\n')[0]?.endsWith(file)) ?? '';

  it('fails lint when a forbidden import is present', () => {
    expect(status).not.toBe(0);
  });

  it('refuses a business service importing a sibling module library', () => {
    expect(problemsIn('src/imports-sibling-lib.ts')).toContain(
      'A project tagged with "scope:accounting" can only depend on libs tagged with "scope:accounting", "scope:shared", "scope:platform"',
    );
  });

  it('refuses a business service reaching into a sibling app', () => {
    expect(problemsIn('src/imports-sibling-app.ts')).toMatch(/enforce-module-boundaries/);
  });

  it('refuses contracts depending on workspace code', () => {
    expect(problemsIn('libs/internal-api/src/index.ts')).toContain('A project tagged with "type:contracts" cannot depend on any libs with tags');
  });

  it('lets a service use platform, identity and its own scope', () => {
    expect(output).not.toMatch(/src\/allowed\.ts/);
    expect(output).not.toMatch(/src\/sales\.module\.ts/);
  });
});
