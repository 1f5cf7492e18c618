export { accountingV1 } from './contracts';
export * from './permissions';
export * from './routes';
export * as accountingSchemas from './schemas';
