import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeService, serviceCatalog } from '@ido/platform-config';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { generatedArtefacts, workspaceRoot } from './artefacts';
import { valuesOf } from './charts';

/*
 * No helm binary here (CI runs `helm lint` and `helm template`): what can be
 * checked without it is checked here, on every `npm test`.
 */
const helm = join(workspaceRoot, 'helm');
const read = (path: string) => readFileSync(join(workspaceRoot, path), 'utf8');
const charts = readdirSync(helm).filter((dir) => existsSync(join(helm, dir, 'Chart.yaml')));

describe('helm charts', () => {
  it('has the library chart and one chart per service', () => {
    expect(charts.sort()).toEqual(['ido-service', ...serviceCatalog.map((s) => s.name)].sort());
  });

  it('matches what tools/ops generates (run `npm run ops:generate` after changing it)', () => {
    for (const [path, content] of generatedArtefacts()) expect(read(path), path).toBe(content);
  });

  it.each(charts)('%s: every YAML file parses', (chart) => {
    const yamlFiles = ['Chart.yaml', 'values.yaml'].filter((f) => existsSync(join(helm, chart, f)));
    for (const file of yamlFiles) expect(() => parse(read(`helm/${chart}/${file}`)), file).not.toThrow();
  });

  it.each(serviceCatalog.map((s) => s.name))('%s: values.yaml satisfies values.schema.json', (service) => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(read(`helm/${service}/values.schema.json`)));
    const values = parse(read(`helm/${service}/values.yaml`)) as unknown;
    expect(validate(values) ? [] : validate.errors).toEqual([]);
  });

  it('the values schema refuses what would break a deployment', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(read('helm/accounting/values.schema.json')));
    const base = valuesOf(describeService('accounting'));
    const broken = [
      { ...base, replicaCount: 0 },
      { ...base, env: { DATABASE_URL: 'postgres://in-plain-sight' } },
      { ...base, env: { 'bad-name': 'x' } },
      { ...base, resources: { ...base.resources, limits: { memory: 'lots' } } },
      { ...base, service: 'sales' },
      { ...base, unknownKey: true },
      { ...base, dataVolumes: [{ name: 'archive', mountPath: '/data' }] },
      { ...base, dataVolumes: [{ name: 'archive', mountPath: '/data', emptyDir: {}, persistentVolumeClaim: { claimName: 'c' } }] },
      { ...base, dataVolumes: [{ name: 'Archive!', mountPath: 'data', emptyDir: {} }] },
    ];
    for (const values of broken) expect(validate(values), JSON.stringify(values).slice(0, 80)).toBe(false);
    expect(validate({ ...base, dataVolumes: [{ name: 'archive', mountPath: '/data', persistentVolumeClaim: { claimName: 'audit-archive' } }] })).toBe(true);
  });

  it('the library chart defines every template it includes, with balanced delimiters', () => {
    const dir = join(helm, 'ido-service', 'templates');
    const sources = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    const all = sources.join('\n');
    const defined = new Set([...all.matchAll(/define "([^"]+)"/g)].map((m) => m[1]));
    const included = new Set([...all.matchAll(/include "([^"]+)"/g)].map((m) => m[1]));
    expect([...included].filter((name) => !defined.has(name))).toEqual([]);
    for (const source of sources) expect(source.split('{{').length).toBe(source.split('}}').length);
    // The essentials of a production pod.
    for (const needle of ['readOnlyRootFilesystem: true', 'runAsNonRoot: true', '/health/live', '/health/ready', 'kind: HorizontalPodAutoscaler', 'kind: PodDisruptionBudget', 'kind: ServiceMonitor', 'grafana_dashboard']) {
      expect(all, needle).toContain(needle);
    }
  });
});
