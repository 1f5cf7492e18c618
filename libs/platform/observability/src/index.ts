export * from './health';
export * from './http-metrics';
export * from './logging';
export * from './metrics';
export * from './observability.module';
export * from './request-context';
