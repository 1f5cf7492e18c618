export * from './test-service';
export * from './verify-service-boots';
export * from './built-service';
export * from './outcome';
