import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { IdoError, NatsTransport } from '@ido/platform-messaging';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import type { IdentitySettings } from '../identity.settings';
import { SigningKeys } from '../signing-keys/signing-keys.service';
import { PLATFORM_TENANT } from '../roles/built-in-roles';
import { identityItself } from '../access/audit-actor';
import { UsersService } from '../users/users.service';
import { TenantRegistry } from './tenant-registry.repository';
import { TenantsService } from './tenants.service';

/**
 * On every start: the platform tenant (the registry) exists, a signing key is
 * current, every tenant's built-in roles match the code, and — on first start — the platform's first operator comes from env.
 */
@Injectable()
export class PlatformBootstrap implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('PlatformBootstrap');

  constructor(
    @Inject(TenantsService) private readonly tenants: TenantsService,
    @Inject(TenantRegistry) private readonly registry: TenantRegistry,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SigningKeys) private readonly signingKeys: SigningKeys,
    @Inject(NatsTransport) private readonly transport: NatsTransport,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** Settles when the registry and a signing key exist; requests arriving earlier wait for it. */
  private readonly done = settleable();

  onModuleInit(): void {
    // The transport may deliver requests before Nest's bootstrap hooks have run.
    this.transport.use(async (_invocation, next) => {
      await this.done.settled;
      return next();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.bootstrap();
      this.done.resolve();
    } catch (error) {
      this.done.reject(new IdoError('UNAVAILABLE', 'Identity failed to start'));
      throw error;
    }
  }

  private async bootstrap(): Promise<void> {
    await this.tenants.prepare(PLATFORM_TENANT);
    if (!(await this.registry.find(PLATFORM_TENANT))) await this.registry.insert({ id: PLATFORM_TENANT, name: 'Platform operators', modules: [] }, identityItself);
    await this.signingKeys.start();
    // Schemas were migrated by the runtime before this runs; only the roles may lag the code.
    for (const tenant of await this.registry.all()) if (tenant.id !== PLATFORM_TENANT) await this.tenants.syncBuiltInRoles(tenant.id);
    if (this.settings.platformAdmin) await this.ensurePlatformAdmin(this.settings.platformAdmin);
  }

  /** Idempotent: an operator that already exists is left as it is (its password is not reset). */
  async ensurePlatformAdmin(admin: { email: string; password: string }): Promise<'created' | 'exists'> {
    const existing = await this.users.list(PLATFORM_TENANT, { limit: 1, email: admin.email });
    if (existing.items.length) return 'exists';
    await this.users.create(PLATFORM_TENANT, { email: admin.email, displayName: 'Platform administrator', roles: ['platform-admin'], password: admin.password }, identityItself);
    this.log.log(`platform administrator ${admin.email} created`);
    return 'created';
  }
}

function settleable() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const settled = new Promise<void>((res, rej) => ([resolve, reject] = [res, rej]));
  settled.catch(() => undefined);
  return { settled, resolve, reject };
}
