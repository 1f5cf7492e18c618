import { z } from 'zod';
import { loadConfig } from './load-config';
import { describeService, type ServiceName } from './service-catalog';

const natsUrl = z
  .string()
  .refine(
    (value) => value.split(',').every((server) => /^(nats|tls|wss?):\/\/[^\s/]+(:\d+)?\/?$/.test(server.trim())),
    'must be a NATS server URL such as nats://127.0.0.1:4222 (comma-separated for a cluster)',
  );

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), 'must be a postgres:// URL');

/** Namespaces isolate environments and test runs: databases, subjects and streams. */
const namespace = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lowercase letters, digits or _ (max 31), starting with a letter');

const port = z.coerce.number().int('must be an integer').min(0).max(65_535, 'must be a TCP port (0–65535)');

export function serviceConfigSchema(service: ServiceName) {
  const descriptor = describeService(service);
  return z
    .object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
      HTTP_HOST: z.string().min(1).default('0.0.0.0'),
      HTTP_PORT: port.default(descriptor.httpPort),
      NATS_URL: natsUrl.default('nats://127.0.0.1:4222'),
      DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
      DATABASE_NAME: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a lowercase Postgres identifier')
        .optional(),
      IDO_NAMESPACE: namespace.default('ido'),
      TENANT_ROLE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
      TENANT_POOL_PER_TENANT: z.coerce.number().int().min(1).max(20).default(2),
      TENANT_POOL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000).default(50),
      TENANT_POOL_IDLE_MS: z.coerce.number().int().min(1_000).default(60_000),
      MIGRATIONS_DIR: z.string().min(1).optional(),
      IDO_RELEASE: z.string().min(1).default('dev'),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    })
    .superRefine((env, ctx) => {
      if (env.NODE_ENV === 'production' && descriptor.persistent && !env.TENANT_ROLE_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['TENANT_ROLE_SECRET'], message: 'is required in production' });
      }
    })
    .transform((env) => ({
      service,
      persistent: descriptor.persistent,
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      release: env.IDO_RELEASE,
      namespace: env.IDO_NAMESPACE,
      http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
      nats: { servers: env.NATS_URL.split(',').map((s) => s.trim()) },
      database: {
        /** Server URL; its database is where service databases get created. */
        adminUrl: env.DATABASE_URL,
        name: env.DATABASE_NAME ?? `${env.IDO_NAMESPACE}_${service}`,
      },
      tenancy: {
        // Dev/test only; production refuses to start without a real secret (above).
        roleSecret: env.TENANT_ROLE_SECRET ?? `dev-only-role-secret-${env.IDO_NAMESPACE}`,
        perTenant: env.TENANT_POOL_PER_TENANT,
        maxConnections: env.TENANT_POOL_MAX_CONNECTIONS,
        idleMs: env.TENANT_POOL_IDLE_MS,
        migrationsDir: env.MIGRATIONS_DIR,
      },
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    }));
}

export type ServiceConfig = z.output<ReturnType<typeof serviceConfigSchema>> & {
  /** The environment the config was read from: a service's own settings schema reads it too. */
  environment: Record<string, string | undefined>;
};

export function loadServiceConfig(service: ServiceName, env: Record<string, string | undefined> = process.env): ServiceConfig {
  return { ...loadConfig(serviceConfigSchema(service), env), environment: env };
}

/** The URL of the service's own database on the configured server. */
export function serviceDatabaseUrl(config: ServiceConfig): string {
  const url = new URL(config.database.adminUrl);
  url.pathname = `/${config.database.name}`;
  return url.toString();
}
