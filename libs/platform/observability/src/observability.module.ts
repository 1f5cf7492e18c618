import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health';
import { type LoggingSettings, nestLoggerParams } from './logging';
import { ServiceMetrics } from './metrics';

@Global()
@Module({})
export class ObservabilityModule {
  static forService(settings: LoggingSettings): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(nestLoggerParams(settings))],
      controllers: [HealthController],
      providers: [HealthRegistry, { provide: ServiceMetrics, useValue: new ServiceMetrics(settings.service) }],
      exports: [HealthRegistry, ServiceMetrics],
    };
  }
}
