import { Inject, Injectable } from '@nestjs/common';
import { TenantClients } from '@ido/platform-tenancy';
import type { PrismaClient } from '../../prisma/generated/prisma/client';
import { PLATFORM_TENANT } from '../roles/built-in-roles';

export type IdentityPrisma = PrismaClient;

/**
 * Identity's data through tenant roles only: a tenant's users in its own schema,
 * and the registry (tenants, signing keys, revocations) in the platform tenant's (ADR 0009).
 */
@Injectable()
export class IdentityDatabase {
  constructor(@Inject(TenantClients) private readonly clients: TenantClients<PrismaClient>) {}

  ofTenant<T>(tenant: string, work: (db: PrismaClient) => Promise<T>): Promise<T> {
    return this.clients.use(tenant, (db) => work(db));
  }

  registry<T>(work: (db: PrismaClient) => Promise<T>): Promise<T> {
    return this.clients.use(PLATFORM_TENANT, (db) => work(db));
  }
}
