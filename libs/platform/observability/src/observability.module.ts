import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health';
import { type LoggingSettings, nestLoggerParams } from './logging';
import { ServiceMetrics } from './metrics';

@Global()
@Module({})
export class ObservabilityModule {
  /** `metrics` is created by the caller because the NATS transport records into it too. */
  static forService(settings: LoggingSettings, metrics: ServiceMetrics = new ServiceMetrics(settings.service)): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(nestLoggerParams(settings))],
      controllers: [HealthController],
      providers: [HealthRegistry, { provide: ServiceMetrics, useValue: metrics }],
      exports: [HealthRegistry, ServiceMetrics],
    };
  }
}
