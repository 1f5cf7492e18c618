import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTestNats, rawRequest } from '@ido/platform-testing';
import { workspaceRoot } from './processes';
import { type RunningSystem, services, startSystem } from './system';

/*
 * Every metric a Grafana dashboard queries is exported by that service's real
 * /metrics (the services run as processes, as in production). A dashboard naming
 * a metric nobody exports fails here.
 */
interface Dashboard {
  panels: Array<{ targets: Array<{ expr: string }> }>;
}

const promqlWords = new Set(['sum', 'rate', 'max', 'min', 'avg', 'by', 'le', 'histogram_quantile', 'or', 'and', 'without', 'count']);

/**
 * Metric names in a dashboard's PromQL: identifiers followed by a selector, a range
 * or a closing paren, once grouping clauses (`by (le, route)`) and strings are gone.
 */
function metricNamesOf(board: Dashboard): string[] {
  const names = new Set<string>();
  for (const { expr } of board.panels.flatMap((p) => p.targets)) {
    const query = expr.replace(/\b(by|without)\s*\([^)]*\)/g, '').replace(/"[^"]*"/g, '""');
    for (const match of query.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=\{|\[|\))/g)) {
      if (!promqlWords.has(match[1] as string)) names.add(match[1] as string);
    }
  }
  return [...names].sort();
}

const dashboardOf = (path: string) => JSON.parse(readFileSync(join(workspaceRoot, path), 'utf8')) as Dashboard;

describe('Grafana dashboards against the real /metrics', () => {
  let system: RunningSystem;
  const exported = new Map<string, Set<string>>();

  beforeAll(async () => {
    system = await startSystem();
    const nats = await connectTestNats();
    try {
      // Histograms appear once observed: one HTTP and one NATS request each.
      for (const service of services.filter((s) => s !== 'gateway')) await rawRequest(nats, `${system.namespace}.${service}.v1.status.get`, {});
    } finally {
      await nats.close();
    }
    for (const service of services) {
      await fetch(`${system.url(service)}/health/ready`);
      const text = await (await fetch(`${system.url(service)}/metrics`)).text();
      exported.set(service, new Set([...text.matchAll(/^([a-z_][a-z0-9_]*)[{ ]/gm)].map((m) => m[1] as string)));
    }
  });
  afterAll(() => system?.stop());

  it('the name extraction finds what a query uses', () => {
    const expr = 'histogram_quantile(0.99, sum by (le, route) (rate(ido_x_bucket{service="a"}[5m]))) or max by (service) (up)';
    const names = metricNamesOf({ panels: [{ targets: [{ expr }] }] });
    expect(names).toEqual(['ido_x_bucket', 'up']);
  });

  it.each(services)('%s: its dashboard queries only metrics it exports', (service) => {
    const names = metricNamesOf(dashboardOf(`helm/${service}/dashboards/${service}.json`));
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !exported.get(service)?.has(name))).toEqual([]);
  });

  it('the overview queries only metrics some service exports', () => {
    const all = new Set([...exported.values()].flatMap((names) => [...names]));
    expect(metricNamesOf(dashboardOf('helm/dashboards/overview.json')).filter((name) => !all.has(name))).toEqual([]);
  });
});
