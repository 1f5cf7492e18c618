export { auditV1 } from './contracts';
export * from './events';
export * from './permissions';
export * from './routes';
export * as auditSchemas from './schemas';
