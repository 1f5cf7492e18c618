export * from './load-config';
export * from './service-catalog';
export * from './service-config';
