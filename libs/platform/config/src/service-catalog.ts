import catalog from './services.json';

/** The seven deployables. `tools/start-all.mjs` reads the same JSON file. */
export const serviceNames = ['gateway', 'identity', 'audit', 'accounting', 'sales', 'staffing', 'complaints'] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface ServiceDescriptor {
  name: ServiceName;
  /** Default HTTP port (health, metrics; the public API for the gateway). */
  httpPort: number;
  /** Whether the service owns a database (`<namespace>_<name>`). */
  persistent: boolean;
}

export const serviceCatalog = catalog as ServiceDescriptor[];

export function describeService(name: ServiceName): ServiceDescriptor {
  const found = serviceCatalog.find((s) => s.name === name);
  if (!found) throw new Error(`unknown service ${name}`);
  return found;
}
