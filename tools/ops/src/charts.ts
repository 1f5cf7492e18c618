import { type ServiceDescriptor } from '@ido/platform-config';
import { stringify } from 'yaml';

/** The chart every service deploys with: a thin layer over the `ido-service` library chart. */
export const chartVersion = '0.1.0';

/** What differs between services' default values; everything else is the library's. */
interface ServiceDefaults {
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  /** Secrets (created by the platform team) whose keys become environment variables. */
  secretEnv: string[];
  /** Settings that are not secrets. */
  env: Record<string, string>;
  /** Writable directories besides /tmp (the root filesystem is read-only). */
  dataVolumes: DataVolume[];
}

/** A writable directory of the pod: an emptyDir (lost with the pod) or an existing claim. */
interface DataVolume {
  name: string;
  mountPath: string;
  emptyDir?: Record<string, never>;
  persistentVolumeClaim?: { claimName: string };
}

/**
 * The audit service exports each archived month there (AUDIT_ARCHIVE_DIR). The default
 * emptyDir keeps a trial install working; production sets an RWX claim (any replica
 * may run the archive job) or copies the files to object storage after each run.
 */
const auditArchive = '/var/lib/ido/audit-archive';

function defaultsOf(service: ServiceDescriptor): ServiceDefaults {
  // Identity hashes passwords with argon2id at 19 MiB each: it needs the headroom.
  const memory = service.name === 'identity' ? ['256Mi', '512Mi'] : ['160Mi', '320Mi'];
  return {
    resources: { requests: { cpu: '100m', memory: memory[0] as string }, limits: { memory: memory[1] as string } },
    secretEnv: [`ido-${service.name}`],
    env: service.name === 'audit' ? { AUDIT_ARCHIVE_DIR: auditArchive } : {},
    dataVolumes: service.name === 'audit' ? [{ name: 'audit-archive', mountPath: auditArchive, emptyDir: {} }] : [],
  };
}

export function chartYaml(service: ServiceDescriptor): string {
  return stringify({
    apiVersion: 'v2',
    name: service.name,
    description: `The ido-crm ${service.name} service.`,
    type: 'application',
    version: chartVersion,
    appVersion: 'latest',
    dependencies: [{ name: 'ido-service', version: chartVersion, repository: 'file://../ido-service' }],
  });
}

export function valuesOf(service: ServiceDescriptor) {
  const defaults = defaultsOf(service);
  return {
    service: service.name,
    image: { repository: `ghcr.io/ido-crm/${service.name}`, tag: '', pullPolicy: 'IfNotPresent' },
    replicaCount: 2,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', ...defaults.env },
    secretEnv: defaults.secretEnv,
    dataVolumes: defaults.dataVolumes,
    resources: defaults.resources,
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70 },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    httpService: { type: 'ClusterIP', port: 80 },
    serviceAccount: { create: true, name: '' },
    serviceMonitor: { enabled: true, interval: '30s' },
    dashboard: { enabled: true },
    terminationGracePeriodSeconds: 30,
    nodeSelector: {},
    tolerations: [],
  };
}

export function valuesYaml(service: ServiceDescriptor): string {
  const header = [
    `# Defaults for the ${service.name} chart. Override in your own file:`,
    `#   helm upgrade --install ${service.name} helm/${service.name} -f my-values.yaml`,
    `# Secret ido-${service.name} holds ${secretKeysOf(service).join(', ')} (README, "Deploying a service").`,
  ];
  return `${header.join('\n')}\n${stringify(valuesOf(service))}`;
}

/** What a service's Secret must hold: connection strings and keys never go in values. */
export function secretKeysOf(service: ServiceDescriptor): string[] {
  const keys = service.persistent ? ['DATABASE_URL', 'NATS_URL', 'TENANT_ROLE_SECRET'] : ['NATS_URL'];
  return service.name === 'identity' ? [...keys, 'IDENTITY_KEY_ENCRYPTION_KEY'] : keys;
}

const resourceQuantity = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|Ki|Mi|Gi)?$' };

/** JSON Schema (draft-07, what Helm validates with) of a service chart's values. */
export function valuesSchema(service: ServiceDescriptor) {
  const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${service.name} chart values`,
    ...object({
      service: { const: service.name },
      image: object({
        repository: { type: 'string', minLength: 1 },
        tag: { type: 'string', description: 'Image tag; defaults to the chart appVersion. Deploy workflows set the commit SHA.' },
        pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
      }),
      replicaCount: { type: 'integer', minimum: 1 },
      env: {
        type: 'object',
        description: 'Plain environment variables (secrets go in secretEnv).',
        additionalProperties: { type: 'string' },
        propertyNames: { pattern: '^[A-Z][A-Z0-9_]*$', not: { enum: ['DATABASE_URL', 'TENANT_ROLE_SECRET', 'IDENTITY_KEY_ENCRYPTION_KEY', 'IDO_PLATFORM_ADMIN_PASSWORD'] } },
      },
      secretEnv: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      dataVolumes: {
        type: 'array',
        description: 'Writable directories besides /tmp: an emptyDir, or an existing PersistentVolumeClaim.',
        items: {
          ...object(
            {
              name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
              mountPath: { type: 'string', pattern: '^/' },
              emptyDir: { type: 'object', additionalProperties: false },
              persistentVolumeClaim: object({ claimName: { type: 'string', minLength: 1 } }),
            },
            ['name', 'mountPath'],
          ),
          oneOf: [{ required: ['emptyDir'] }, { required: ['persistentVolumeClaim'] }],
        },
      },
      resources: object({
        requests: object({ cpu: resourceQuantity, memory: resourceQuantity }),
        limits: object({ memory: resourceQuantity }, ['memory']),
      }),
      autoscaling: object({
        enabled: { type: 'boolean' },
        minReplicas: { type: 'integer', minimum: 1 },
        maxReplicas: { type: 'integer', minimum: 1 },
        targetCPUUtilizationPercentage: { type: 'integer', minimum: 10, maximum: 100 },
      }),
      podDisruptionBudget: object({ enabled: { type: 'boolean' }, minAvailable: { type: 'integer', minimum: 0 } }),
      httpService: object({ type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }, port: { type: 'integer', minimum: 1, maximum: 65535 } }),
      serviceAccount: object({ create: { type: 'boolean' }, name: { type: 'string' } }),
      serviceMonitor: object({ enabled: { type: 'boolean' }, interval: { type: 'string', pattern: '^[0-9]+(s|m)$' } }),
      dashboard: object({ enabled: { type: 'boolean' } }),
      terminationGracePeriodSeconds: { type: 'integer', minimum: 10, maximum: 300 },
      nodeSelector: { type: 'object', additionalProperties: { type: 'string' } },
      tolerations: { type: 'array', items: { type: 'object' } },
    }),
  };
}

/** The one template a service chart has: everything comes from the library. */
export const allTemplate = '{{ include "ido-service.all" . }}\n';
