export * from './infrastructure';
export * from './nats-request';
export * from './test-namespace';
