export * from './boot-service';
export * from './create-service-app';
export * from './service-runtime.module';
export * from './service-status';
export * from './status.controller';
export * from './tokens';
export * from './maintenance-commands';
