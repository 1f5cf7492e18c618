import { gatewaySettingsSchema, trustedProxiesOf } from './gateway.settings';

describe('gateway settings', () => {
  it('allows no origin, and counts 600 per address and 3000 per tenant a minute, by default', () => {
    expect(gatewaySettingsSchema.parse({})).toEqual({
      corsOrigins: [],
      trustedProxies: [],
      rateLimits: { windowMs: 60_000, perSource: 600, perTenant: 3_000 },
      idempotencyTtlMs: 86_400_000,
    });
  });

  it('reads a comma-separated list of exact origins', () => {
    const { corsOrigins } = gatewaySettingsSchema.parse({ GATEWAY_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,' });
    expect(corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it.each(['https://app.example.com/', 'https://app.example.com/path', 'app.example.com', '*'])('refuses %j as an origin', (origin) => {
    expect(gatewaySettingsSchema.safeParse({ GATEWAY_CORS_ORIGINS: origin }).success).toBe(false);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(gatewaySettingsSchema.safeParse({ GATEWAY_RATE_LIMIT_PER_SOURCE: '0' }).success).toBe(false);
    expect(gatewaySettingsSchema.safeParse({ GATEWAY_RATE_LIMIT_PER_TENANT: 'many' }).success).toBe(false);
  });

  it('trusts the listed proxies, and none by default or when the list is invalid', () => {
    expect(trustedProxiesOf({ GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7, ::1' })).toEqual(['10.0.0.0/8', '192.168.1.7', '::1']);
    expect(trustedProxiesOf({})).toBeUndefined();
    expect(trustedProxiesOf({ GATEWAY_TRUSTED_PROXIES: 'lb.internal' })).toBeUndefined();
    expect(gatewaySettingsSchema.safeParse({ GATEWAY_TRUSTED_PROXIES: 'lb.internal' }).success).toBe(false);
  });
});
