import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthRegistry } from './health';
import { ServiceMetrics } from './metrics';

@Controller()
export class HealthController {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
  ) {}

  /** The process is up and its event loop turns; nothing else is checked. */
  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const readiness = await this.health.readiness();
    reply.status(readiness.ready ? 200 : 503);
    return { status: readiness.ready ? 'ok' : 'unavailable', checks: readiness.checks };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape() {
    return this.metrics.exposition();
  }
}
