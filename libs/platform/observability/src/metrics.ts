import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One registry per service instance (not prom-client's global one), so several
 * services can run in one test process without clashing metric names.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly natsRequests: Counter<'subject' | 'outcome'>;
  readonly natsDuration: Histogram<'subject'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'ido_http_requests_total',
      help: 'HTTP requests by route and status class',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'ido_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: latencyBuckets,
      registers,
    });
    this.natsRequests = new Counter({
      name: 'ido_nats_requests_total',
      help: 'NATS requests handled, by subject (without namespace) and outcome (ok or an error code)',
      labelNames: ['subject', 'outcome'],
      registers,
    });
    this.natsDuration = new Histogram({
      name: 'ido_nats_request_duration_seconds',
      help: 'NATS request handling duration',
      labelNames: ['subject'],
      buckets: latencyBuckets,
      registers,
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  observeNats(subject: string, outcome: string, seconds: number): void {
    this.natsRequests.inc({ subject, outcome });
    this.natsDuration.observe({ subject }, seconds);
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
