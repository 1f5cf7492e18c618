import { ServiceMetrics } from './metrics';

describe('ServiceMetrics', () => {
  it('exports default and RED metrics labelled with the service', async () => {
    const metrics = new ServiceMetrics('sales');
    metrics.observeNats('sales.v1.status.get', 'ok', 0.002);
    metrics.observeHttp('GET', '/health/ready', 200, 0.001);
    const text = await metrics.exposition();
    expect(text).toContain('ido_nats_requests_total{subject="sales.v1.status.get",outcome="ok",service="sales"} 1');
    expect(text).toContain('ido_http_requests_total{method="GET",route="/health/ready",status="200",service="sales"} 1');
    expect(text).toMatch(/ido_nats_request_duration_seconds_bucket\{le="0.005",[^}]*subject="sales.v1.status.get"[^}]*\} 1/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps two services in one process apart', async () => {
    new ServiceMetrics('a').observeNats('x', 'ok', 0);
    expect(await new ServiceMetrics('b').exposition()).not.toContain('subject="x"');
  });
});
