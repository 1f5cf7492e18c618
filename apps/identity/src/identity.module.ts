import { Module } from '@nestjs/common';
import { AuditOutboxModule } from '@ido/audit';
import { IdentityModule as IdentityClientModule } from '@ido/identity';
import { identityV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';
import { AccessController } from './access/access.controller';
import { KeySetAnnouncements } from './access/key-set-announcements';
import { AccessTokens } from './auth/access-tokens';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { SessionRevocations } from './auth/session-revocations';
import { SessionsRepository } from './auth/sessions.repository';
import { IdentityDatabase } from './database/identity-database';
import { ModulesController } from './modules/modules.controller';
import { ModulesService } from './modules/modules.service';
import { PasswordHasher } from './passwords/password-hasher';
import { RolesController } from './roles/roles.controller';
import { RolesRepository } from './roles/roles.repository';
import { RolesService } from './roles/roles.service';
import { ServiceAccountsController } from './service-accounts/service-accounts.controller';
import { ServiceAccountsRepository } from './service-accounts/service-accounts.repository';
import { ServiceAccountsService } from './service-accounts/service-accounts.service';
import { SigningKeysController } from './signing-keys/signing-keys.controller';
import { SigningKeysRepository } from './signing-keys/signing-keys.repository';
import { SigningKeys } from './signing-keys/signing-keys.service';
import { PlatformBootstrap } from './tenants/platform-bootstrap';
import { TenantRegistry } from './tenants/tenant-registry.repository';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** Tenants, users, roles, sessions, signing keys and module flags: the identity every module shares. */
@Module({
  imports: [IdentityClientModule.forService(), AuditOutboxModule.forService()],
  controllers: [
    statusController(identityV1.statusGet),
    AuthController,
    UsersController,
    RolesController,
    ModulesController,
    TenantsController,
    ServiceAccountsController,
    SigningKeysController,
    AccessController,
  ],
  providers: [
    IdentityDatabase,
    KeySetAnnouncements,
    PasswordHasher,
    TenantRegistry,
    TenantsService,
    PlatformBootstrap,
    UsersRepository,
    UsersService,
    RolesRepository,
    RolesService,
    ModulesService,
    SessionsRepository,
    SessionRevocations,
    LoginThrottleRepository,
    AuthService,
    AccessTokens,
    SigningKeysRepository,
    SigningKeys,
    ServiceAccountsRepository,
    ServiceAccountsService,
  ],
})
export class IdentityModule {}
