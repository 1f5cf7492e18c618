export { identityV1 } from './contracts';
export * from './events';
export * from './permissions';
export * from './routes';
export * as identitySchemas from './schemas';
export { moduleNames, type ModuleName, PLATFORM_TENANT } from './schemas';
