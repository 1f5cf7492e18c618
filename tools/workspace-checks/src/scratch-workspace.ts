import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

export interface ScratchProject {
  root: string;
  tags: string[];
  /** Import alias for a library, e.g. `@ido/sales-domain`. */
  alias?: string;
  files: Record<string, string>;
}

/**
 * A throwaway Nx workspace carrying this repository's real eslint.config.mjs and
 * nx.json, its node_modules linked in, so lint rules are tested as committed
 * without touching the real workspace.
 */
export class ScratchWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'ido-scratch-'));

  constructor(projects: ScratchProject[]) {
    cpSync(join(workspaceRoot, 'eslint.config.mjs'), join(this.root, 'eslint.config.mjs'));
    cpSync(join(workspaceRoot, 'nx.json'), join(this.root, 'nx.json'));
    symlinkSync(join(workspaceRoot, 'node_modules'), join(this.root, 'node_modules'));
    this.write('package.json', JSON.stringify({ name: 'scratch', private: true }));
    const paths = Object.fromEntries(projects.filter((p) => p.alias).map((p) => [p.alias, [`./${p.root}/src/index.ts`]]));
    this.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths, moduleResolution: 'bundler', module: 'esnext' } }));
    for (const project of projects) {
      const name = project.root.split('/').pop();
      const type = project.root.startsWith('apps/') ? 'application' : 'library';
      this.write(`${project.root}/project.json`, JSON.stringify({ name, projectType: type, sourceRoot: `${project.root}/src`, tags: project.tags }));
      this.write(`${project.root}/eslint.config.mjs`, `import base from '${'../'.repeat(project.root.split('/').length)}eslint.config.mjs';\nexport default [...base];\n`);
      for (const [file, content] of Object.entries(project.files)) this.write(`${project.root}/${file}`, content);
    }
  }

  write(file: string, content: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), content);
  }

  lint(projects: string[]): { status: number | null; output: string } {
    const result = spawnSync(join(this.root, 'node_modules/.bin/nx'), ['run-many', '-t', 'lint', '-p', projects.join(','), '--skip-nx-cache', '--outputStyle=static'], {
      cwd: this.root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', CI: 'true' },
      timeout: 120_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
