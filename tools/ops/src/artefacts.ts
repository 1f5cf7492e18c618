import { serviceCatalog } from '@ido/platform-config';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allTemplate, chartYaml, valuesSchema, valuesYaml } from './charts';
import { overviewDashboard, serviceDashboard } from './dashboards';
import { deployWorkflow } from './workflows';

/** The workspace root: the nearest folder up from here holding nx.json (tests and the generator run inside it). */
export const workspaceRoot = findUp(process.cwd());

function findUp(dir: string): string {
  if (existsSync(join(dir, 'nx.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error('not inside the workspace (no nx.json found)');
  return findUp(parent);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated deployment file, by path from the workspace root. */
export function generatedArtefacts(): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of serviceCatalog) {
    const chart = `helm/${service.name}`;
    files.set(`${chart}/Chart.yaml`, chartYaml(service));
    files.set(`${chart}/values.yaml`, valuesYaml(service));
    files.set(`${chart}/values.schema.json`, json(valuesSchema(service)));
    files.set(`${chart}/templates/all.yaml`, allTemplate);
    files.set(`${chart}/dashboards/${service.name}.json`, json(serviceDashboard(service)));
    files.set(`.github/workflows/deploy-${service.name}.yml`, deployWorkflow(service));
  }
  files.set('helm/dashboards/overview.json', json(overviewDashboard()));
  return files;
}
