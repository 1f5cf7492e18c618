import { identitySchemas } from '@ido/internal-api';
import {
  type Client,
  type EvaluationContext,
  FlagNotFoundError,
  type JsonValue,
  NOOP_PROVIDER,
  OpenFeature,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  ProviderNotReadyError,
  type ResolutionDetails,
  StandardResolutionReasons,
  TargetingKeyMissingError,
  TypeMismatchError,
} from '@openfeature/server-sdk';
import type { AccessState } from './access-state';

/** The flag that says whether a tenant may use a module: `module.accounting`, `module.sales`, … */
export function moduleFlagKey(module: string): string {
  return `module.${module}`;
}

/**
 * Per-tenant feature flags through OpenFeature, answered from identity's access
 * state (evaluation context `{ targetingKey: tenantId }`). Today every flag is a
 * module switch; a new flag is one more entry in `flags`.
 */
export class TenantModuleFlagProvider implements Provider {
  readonly metadata = { name: 'ido-tenant-modules' } as const;
  readonly runsOn = 'server';
  readonly events = new OpenFeatureEventEmitter();
  private readonly flags: ReadonlyMap<string, (tenant: string) => boolean>;

  constructor(private readonly state: AccessState) {
    this.flags = new Map(identitySchemas.moduleNames.map((module) => [moduleFlagKey(module), (tenant) => this.moduleEnabled(tenant, module)]));
    state.onTenantsChanged(() => this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: [...this.flags.keys()] }));
  }

  /** What `module.<name>` resolves to; the access policy asks the same question directly. */
  moduleEnabled(tenant: string, module: string): boolean {
    return this.state.moduleEnabled(tenant, module);
  }

  async resolveBooleanEvaluation(flagKey: string, _defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    const flag = this.flags.get(flagKey);
    if (!flag) throw new FlagNotFoundError(`no flag ${flagKey}`);
    if (!this.state.loaded) throw new ProviderNotReadyError('access state not loaded yet');
    const tenant = context.targetingKey;
    if (!tenant) throw new TargetingKeyMissingError('targetingKey must be the tenant id');
    if (!this.state.knows(tenant)) return { value: false, reason: StandardResolutionReasons.DEFAULT };
    return { value: flag(tenant), reason: StandardResolutionReasons.TARGETING_MATCH };
  }

  resolveStringEvaluation(flagKey: string): Promise<ResolutionDetails<string>> {
    return this.notBoolean(flagKey);
  }

  resolveNumberEvaluation(flagKey: string): Promise<ResolutionDetails<number>> {
    return this.notBoolean(flagKey);
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string): Promise<ResolutionDetails<T>> {
    return this.notBoolean(flagKey);
  }

  private async notBoolean(flagKey: string): Promise<never> {
    throw this.flags.has(flagKey) ? new TypeMismatchError(`${flagKey} is a boolean flag`) : new FlagNotFoundError(`no flag ${flagKey}`);
  }
}

let instances = 0;

/**
 * The provider registered under an OpenFeature domain of its own: OpenFeature is
 * process-global, and tests (or a gateway and a service) run several services in one process.
 */
export class FeatureFlags {
  readonly domain: string;

  constructor(provider: TenantModuleFlagProvider, service: string) {
    this.domain = `ido.${service}.${++instances}`;
    OpenFeature.setProvider(this.domain, provider);
  }

  /** The OpenFeature client for module flags: `getBooleanValue('module.sales', false, { targetingKey: tenant })`. */
  moduleFlags(): Client {
    return OpenFeature.getClient(this.domain);
  }

  /** OpenFeature cannot forget a domain; the no-op provider answers defaults from then on. */
  close(): Promise<void> {
    return OpenFeature.setProviderAndWait(this.domain, NOOP_PROVIDER);
  }
}
