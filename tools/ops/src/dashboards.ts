import type { ServiceDescriptor } from '@ido/platform-config';

/*
 * Grafana dashboards as data: one per service and an overview, generated from
 * this file (npm run ops:generate) so every service's board has the same panels
 * and names only metrics the services export (checked against real /metrics).
 */
interface Panel {
  title: string;
  unit: string;
  /** PromQL, one legend per query. */
  targets: Array<{ expr: string; legend: string }>;
}

const window = '$__rate_interval';

function quantiles(metric: string, by: string, selector: string): Panel['targets'] {
  return [0.5, 0.95, 0.99].map((q) => ({
    expr: `histogram_quantile(${q}, sum by (le, ${by}) (rate(${metric}_bucket{${selector}}[${window}])))`,
    legend: `p${q * 100} {{${by}}}`,
  }));
}

function servicePanels(service: ServiceDescriptor): Panel[] {
  const s = `service="${service.name}"`;
  const panels: Panel[] = [
    { title: 'HTTP requests by route', unit: 'reqps', targets: [{ expr: `sum by (route) (rate(ido_http_requests_total{${s}}[${window}]))`, legend: '{{route}}' }] },
    { title: 'HTTP 5xx by route', unit: 'reqps', targets: [{ expr: `sum by (route) (rate(ido_http_requests_total{${s},status=~"5.."}[${window}]))`, legend: '{{route}}' }] },
    { title: 'HTTP latency by route', unit: 's', targets: quantiles('ido_http_request_duration_seconds', 'route', s) },
  ];
  // The gateway calls over NATS but serves nothing there.
  if (service.name !== 'gateway') panels.push(...natsPanels(s));
  panels.push(
    {
      title: 'Token verifications (cache hits vs jose)',
      unit: 'ops',
      targets: [
        { expr: `sum(rate(ido_identity_token_cache_hits_total{${s}}[${window}]))`, legend: 'cache hits' },
        { expr: `sum(rate(ido_identity_token_verifications_total{${s}}[${window}]))`, legend: 'verifications' },
      ],
    },
    { title: 'Event-loop lag p99', unit: 's', targets: [{ expr: `max(nodejs_eventloop_lag_p99_seconds{${s}})`, legend: 'p99' }] },
    {
      title: 'Memory',
      unit: 'bytes',
      targets: [
        { expr: `sum(process_resident_memory_bytes{${s}})`, legend: 'resident' },
        { expr: `sum(nodejs_heap_size_used_bytes{${s}})`, legend: 'heap used' },
      ],
    },
  );
  panels.push(...(ownPanels[service.name]?.(s) ?? []));
  if (service.persistent) {
    panels.push({
      title: 'Tenant connection pools',
      unit: 'short',
      targets: [
        { expr: `sum(ido_tenant_connections_open{${s}})`, legend: 'connections open' },
        { expr: `sum(ido_tenant_connections_max{${s}})`, legend: 'cap' },
        { expr: `sum(ido_tenant_pools_open{${s}})`, legend: 'pools open' },
      ],
    });
  }
  return panels;
}

/** The outbox relay's health, on the boards of the services that run it (AuditOutboxModule). */
function outboxPanels(s: string): Panel[] {
  return [
    {
      title: 'Outbox backlog (unpublished rows) and oldest',
      unit: 'short',
      targets: [
        { expr: `max(ido_outbox_backlog{${s}})`, legend: 'rows' },
        { expr: `max(ido_outbox_oldest_pending_seconds{${s}})`, legend: 'oldest (s)' },
      ],
    },
    {
      title: 'Outbox published and relay failures',
      unit: 'ops',
      targets: [
        { expr: `sum(rate(ido_outbox_published_total{${s}}[${window}]))`, legend: 'published' },
        { expr: `sum(rate(ido_outbox_relay_failures_total{${s}}[${window}]))`, legend: 'failed passes' },
      ],
    },
    { title: 'Outbox lag (insert to JetStream)', unit: 's', targets: quantiles('ido_outbox_relay_lag_seconds', 'service', s) },
  ];
}

/** What the audit service does besides answering: append records from JetStream. */
function auditIngestPanels(s: string): Panel[] {
  return [
    {
      title: 'Audit records appended, skipped as duplicates, rejected',
      unit: 'ops',
      targets: [
        { expr: `sum(rate(ido_audit_events_appended_total{${s}}[${window}]))`, legend: 'appended' },
        { expr: `sum(rate(ido_audit_events_duplicate_total{${s}}[${window}]))`, legend: 'duplicates (redelivered)' },
        { expr: `sum(rate(ido_audit_events_rejected_total{${s}}[${window}]))`, legend: 'rejected (contract)' },
      ],
    },
    { title: 'Lag from change to audit record', unit: 's', targets: quantiles('ido_audit_ingest_lag_seconds', 'service', s) },
  ];
}

/** Panels of one service's own work. */
const ownPanels: Record<string, (s: string) => Panel[]> = { audit: auditIngestPanels, identity: outboxPanels, accounting: outboxPanels };

function natsPanels(s: string): Panel[] {
  return [
    { title: 'NATS requests by subject', unit: 'reqps', targets: [{ expr: `sum by (subject) (rate(ido_nats_requests_total{${s}}[${window}]))`, legend: '{{subject}}' }] },
    {
      title: 'NATS errors by subject and code',
      unit: 'reqps',
      targets: [{ expr: `sum by (subject, outcome) (rate(ido_nats_requests_total{${s},outcome!="ok"}[${window}]))`, legend: '{{subject}} {{outcome}}' }],
    },
    { title: 'NATS latency by subject', unit: 's', targets: quantiles('ido_nats_request_duration_seconds', 'subject', s) },
  ];
}

function overviewPanels(): Panel[] {
  return [
    { title: 'Requests by service', unit: 'reqps', targets: [{ expr: `sum by (service) (rate(ido_nats_requests_total[${window}]) or rate(ido_http_requests_total[${window}]))`, legend: '{{service}}' }] },
    { title: 'Errors by service', unit: 'reqps', targets: [{ expr: `sum by (service) (rate(ido_nats_requests_total{outcome!="ok"}[${window}]))`, legend: '{{service}}' }] },
    { title: 'NATS p99 by service', unit: 's', targets: quantiles('ido_nats_request_duration_seconds', 'service', '') },
    { title: 'Event-loop lag p99 by service', unit: 's', targets: [{ expr: 'max by (service) (nodejs_eventloop_lag_p99_seconds)', legend: '{{service}}' }] },
    { title: 'Resident memory by service', unit: 'bytes', targets: [{ expr: 'sum by (service) (process_resident_memory_bytes)', legend: '{{service}}' }] },
  ];
}

function grafanaPanel(panel: Panel, index: number) {
  return {
    id: index + 1,
    type: 'timeseries',
    title: panel.title,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
    fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
    targets: panel.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), expr: t.expr, legendFormat: t.legend })),
  };
}

function dashboard(uid: string, title: string, panels: Panel[]) {
  return {
    uid,
    title,
    tags: ['ido-crm'],
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' }] },
    panels: panels.map(grafanaPanel),
  };
}

export function serviceDashboard(service: ServiceDescriptor) {
  return dashboard(`ido-${service.name}`, `ido-crm / ${service.name}`, servicePanels(service));
}

export function overviewDashboard() {
  return dashboard('ido-overview', 'ido-crm / overview', overviewPanels());
}
