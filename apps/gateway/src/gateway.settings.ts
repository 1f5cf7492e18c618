import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** An origin exactly as browsers send it: scheme, host and port, nothing more. */
const origin = z.string().refine((value) => URL.canParse(value) && new URL(value).origin === value, 'must be origins such as https://app.example.com (no path, no trailing slash)');

const originList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(origin));

const address = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'must be IP addresses or CIDR ranges of the load balancers' });

const addressList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(address));

/** The gateway's own environment, validated at boot like the shared one. */
export const gatewaySettingsSchema = z
  .object({
    GATEWAY_CORS_ORIGINS: originList,
    GATEWAY_TRUSTED_PROXIES: addressList,
    GATEWAY_RATE_LIMIT_WINDOW_SECONDS: count(60),
    GATEWAY_RATE_LIMIT_PER_SOURCE: count(600),
    GATEWAY_RATE_LIMIT_PER_TENANT: count(3_000),
    GATEWAY_IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(86_400),
  })
  .transform((env) => ({
    corsOrigins: env.GATEWAY_CORS_ORIGINS,
    trustedProxies: env.GATEWAY_TRUSTED_PROXIES,
    rateLimits: { windowMs: env.GATEWAY_RATE_LIMIT_WINDOW_SECONDS * 1_000, perSource: env.GATEWAY_RATE_LIMIT_PER_SOURCE, perTenant: env.GATEWAY_RATE_LIMIT_PER_TENANT },
    idempotencyTtlMs: env.GATEWAY_IDEMPOTENCY_TTL_SECONDS * 1_000,
  }));

export type GatewaySettings = z.output<typeof gatewaySettingsSchema>;

/**
 * The proxies whose `X-Forwarded-For` names the client, for Fastify, which needs
 * them before any setting is injected. An invalid value is ignored here: boot
 * validates the same variable and stops the gateway with its name.
 */
export function trustedProxiesOf(environment: Record<string, string | undefined>): string[] | undefined {
  const proxies = gatewaySettingsSchema.safeParse(environment).data?.trustedProxies;
  return proxies?.length ? proxies : undefined;
}
