export * from './errors';
export * from './handles.decorator';
export * from './headers';
export * from './message-bus';
export * from './message-contract';
export * from './nats-health';
export * from './nats-transport';
export * from './register-handlers';
