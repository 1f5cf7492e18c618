export * from './actor-transaction';
export * from './maintenance-database';
export * from './migrations';
export * from './migrator';
export * from './service-database';
export * from './tenant-id';
export * from './tenant-clients';
export * from './prisma-clients';
