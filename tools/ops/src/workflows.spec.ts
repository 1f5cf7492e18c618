import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceCatalog } from '@ido/platform-config';
import { parse } from 'yaml';
import { workspaceRoot } from './artefacts';

/* No actionlint on npm: the workflows are parsed and their essentials checked. */
interface Workflow {
  on: { push?: { paths?: string[] }; workflow_dispatch?: unknown };
  jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>;
}

const dir = join(workspaceRoot, '.github', 'workflows');
const workflow = (file: string) => parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);

describe('GitHub workflows', () => {
  it('every workflow parses and has jobs with steps', () => {
    for (const file of readdirSync(dir)) {
      const parsed = workflow(file);
      expect(Object.keys(parsed.jobs).length, file).toBeGreaterThan(0);
      for (const job of Object.values(parsed.jobs)) expect(job.steps.length, file).toBeGreaterThan(0);
    }
  });

  it('ci lints and templates every chart', () => {
    const runs = steps(workflow('ci.yml')).map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/helm lint/);
    expect(runs).toMatch(/helm template/);
  });

  it.each(serviceCatalog.map((s) => s.name))('deploy-%s.yml ships that service alone: on its paths or by hand, image tagged with the commit, helm upgrade', (service) => {
    const deploy = workflow(`deploy-${service}.yml`);
    expect(deploy.on.workflow_dispatch).toBeDefined();
    expect(deploy.on.push?.paths).toEqual(expect.arrayContaining([`apps/${service}/**`, `helm/${service}/**`]));
    const all = JSON.stringify(steps(deploy));
    expect(all).toContain('github.sha');
    expect(all).toMatch(new RegExp(`helm upgrade --install ${service} helm/${service}`));
  });
});
