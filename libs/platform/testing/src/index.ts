export * from './infrastructure';
export * from './nats-request';
export * from './test-namespace';
export * from './nats-server';
export * from './jetstream-cleanup';
export * from './workspace-root';
