/** Injection token of the service's validated ServiceConfig. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Injection token of the service's own parsed settings (ServiceDefinition.settings). */
export const SERVICE_SETTINGS = Symbol('SERVICE_SETTINGS');
