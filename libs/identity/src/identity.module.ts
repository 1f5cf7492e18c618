import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { identityV1 } from '@ido/internal-api';
import type { ServiceConfig } from '@ido/platform-config';
import { MessageBus } from '@ido/platform-messaging';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import { AccessPolicy } from './access-policy';
import { AccessState } from './access-state';
import { IDENTITY_SETTINGS, IdentitySync, type IdentitySettings } from './identity-sync';
import { FeatureFlags, TenantModuleFlagProvider } from './module-flags';
import { TenantSchemaSync } from './tenant-schema-sync';
import { TokenVerifier } from './token-verifier';

export type IdentityOptions = Partial<IdentitySettings>;

const defaults: IdentitySettings = { syncIntervalMs: 60_000, retryMs: 1_000, onDemandRefetchMs: 5_000, tokenCacheSize: 10_000, keepsPlatformData: false, gatesReadiness: false };

/**
 * What every service imports to authenticate and authorise its NATS requests:
 * `imports: [IdentityModule.forService()]`. Handlers then declare `@Public()`,
 * `@Authenticated()` or `@Requires(permission)`, and read `currentActor()`.
 */
@Global()
@Module({})
export class IdentityModule {
  static forService(options: IdentityOptions = {}): DynamicModule {
    const settings: IdentitySettings = { ...defaults, ...options };
    const providers: Provider[] = [
      { provide: IDENTITY_SETTINGS, useValue: settings },
      {
        provide: TokenVerifier,
        inject: [MessageBus],
        useFactory: (bus: MessageBus) =>
          new TokenVerifier(() => bus.request(identityV1.jwksGet, {}), { cacheSize: settings.tokenCacheSize, unknownKidRefetchMs: settings.onDemandRefetchMs }),
      },
      {
        provide: AccessState,
        inject: [MessageBus],
        useFactory: (bus: MessageBus) => new AccessState(() => bus.request(identityV1.accessSnapshot, {}), { onDemandReloadMs: settings.onDemandRefetchMs }),
      },
      { provide: TenantModuleFlagProvider, inject: [AccessState], useFactory: (state: AccessState) => new TenantModuleFlagProvider(state) },
      {
        provide: FeatureFlags,
        inject: [TenantModuleFlagProvider, SERVICE_CONFIG],
        useFactory: (provider: TenantModuleFlagProvider, config: ServiceConfig) => new FeatureFlags(provider, config.service),
      },
      {
        provide: AccessPolicy,
        inject: [TokenVerifier, AccessState, TenantModuleFlagProvider],
        useFactory: (verifier: TokenVerifier, state: AccessState, flags: TenantModuleFlagProvider) => new AccessPolicy(verifier, state, flags),
      },
      IdentitySync,
      TenantSchemaSync,
    ];
    return {
      module: IdentityModule,
      providers,
      exports: [TokenVerifier, AccessState, TenantModuleFlagProvider, FeatureFlags, AccessPolicy],
    };
  }
}
