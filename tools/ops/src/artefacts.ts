import { serviceCatalog } from '@ido/platform-config';
import { findWorkspaceRoot } from '@ido/platform-testing';
import { allTemplate, chartYaml, valuesSchema, valuesYaml } from './charts';
import { overviewDashboard, serviceDashboard } from './dashboards';
import { deployWorkflow } from './workflows';

/** The workspace root (tests and the generator run inside it). */
export const workspaceRoot = findWorkspaceRoot();

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
