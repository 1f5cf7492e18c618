import { Inject, Injectable } from '@nestjs/common';
import { type AuditActor, AuditLog } from '@ido/audit';
import type { identitySchemas } from '@ido/internal-api';
import { IdentityDatabase } from '../database/identity-database';
import type { Prisma } from '../../prisma/generated/prisma/client';

export type UserView = identitySchemas.User;
type UserStatus = UserView['status'];

const withRoles = { roles: { select: { roleName: true }, orderBy: { roleName: 'asc' } } } as const;
type UserWithRoles = Prisma.UserGetPayload<{ include: typeof withRoles }>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function userView(row: UserWithRoles): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    status: row.status as UserStatus,
    roles: row.roles.map((r) => r.roleName),
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export interface NewUser {
  email: string;
  displayName: string;
  roles: readonly string[];
  passwordHash?: string;
  invitation?: { hash: string; expiresAt: Date };
}

/** Who changed a user and how (`identity.user.<verb>`): recorded in the same transaction. */
export interface UserChange {
  by: AuditActor;
  verb: 'create' | 'activate' | 'disable' | 'enable' | 'set-roles' | 'change-password';
}

/** A tenant's users, always through that tenant's own connection; every change audited with it. */
@Injectable()
export class UsersRepository {
  constructor(
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  private record(tx: Prisma.TransactionClient, tenant: string, change: UserChange, id: string, before: UserView | null, after: UserView): Promise<unknown> {
    return this.audit.record(tx, { tenant, actor: change.by, action: `identity.user.${change.verb}`, entity: { type: 'user', id }, before, after });
  }

  create(tenant: string, user: NewUser, by: AuditActor): Promise<UserView> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const created = userView(
          await tx.user.create({
          data: {
            email: user.email.trim(),
            emailNormalized: normalizeEmail(user.email),
            displayName: user.displayName,
            status: user.passwordHash ? 'active' : 'invited',
            passwordHash: user.passwordHash,
            invitationHash: user.invitation?.hash,
            invitationExpiresAt: user.invitation?.expiresAt,
            roles: { create: user.roles.map((roleName) => ({ roleName })) },
            },
            include: withRoles,
          }),
        );
        await this.record(tx, tenant, { by, verb: 'create' }, created.id, null, created);
        return created;
      }),
    );
  }

  async find(tenant: string, id: string): Promise<UserView | undefined> {
    const row = await this.db.ofTenant(tenant, (db) => db.user.findUnique({ where: { id }, include: withRoles }));
    return row ? userView(row) : undefined;
  }

  /** What login needs: the stored hash beside the public view. */
  async findCredentials(tenant: string, email: string) {
    const row = await this.db.ofTenant(tenant, (db) => db.user.findUnique({ where: { emailNormalized: normalizeEmail(email) }, include: withRoles }));
    return row ? { user: userView(row), passwordHash: row.passwordHash } : undefined;
  }

  async passwordHashOf(tenant: string, id: string): Promise<string | null | undefined> {
    const row = await this.db.ofTenant(tenant, (db) => db.user.findUnique({ where: { id }, select: { passwordHash: true } }));
    return row?.passwordHash;
  }

  async page(tenant: string, query: { limit: number; cursor?: string; status?: UserStatus; email?: string }) {
    const emailFilter = { ...(query.email && { contains: normalizeEmail(query.email) }), ...(query.cursor && { gt: query.cursor }) };
    const rows = await this.db.ofTenant(tenant, (db) =>
      db.user.findMany({
        where: { status: query.status, emailNormalized: emailFilter },
        orderBy: { emailNormalized: 'asc' },
        take: query.limit + 1,
        include: withRoles,
      }),
    );
    const items = rows.slice(0, query.limit);
    return { items: items.map(userView), nextCursor: rows.length > query.limit ? (items.at(-1)?.emailNormalized ?? null) : null };
  }

  async update(tenant: string, id: string, data: Prisma.UserUpdateInput, change: UserChange): Promise<UserView | undefined> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id }, include: withRoles });
        if (!before) return undefined;
        const after = userView(await tx.user.update({ where: { id }, data: { ...data, updatedAt: new Date() }, include: withRoles }));
        await this.record(tx, tenant, change, id, userView(before), after);
        return after;
      }),
    );
  }

  async setRoles(tenant: string, id: string, roles: readonly string[], by: AuditActor): Promise<UserView | undefined> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id }, include: withRoles });
        if (!before) return undefined;
        await tx.userRole.deleteMany({ where: { userId: id } });
        await tx.userRole.createMany({ data: roles.map((roleName) => ({ userId: id, roleName })) });
        const after = userView(await tx.user.update({ where: { id }, data: { updatedAt: new Date() }, include: withRoles }));
        await this.record(tx, tenant, { by, verb: 'set-roles' }, id, userView(before), after);
        return after;
      }),
    );
  }

  /** Spends an invitation: only an unexpired one, once. The user is the actor of their own activation. */
  async activate(tenant: string, invitationHash: string, passwordHash: string): Promise<UserView | undefined> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const invited = await tx.user.findFirst({ where: { invitationHash, status: 'invited', invitationExpiresAt: { gt: new Date() } }, include: withRoles });
        if (!invited) return undefined;
        const { count } = await tx.user.updateMany({
          where: { id: invited.id, status: 'invited', invitationHash },
          data: { status: 'active', passwordHash, invitationHash: null, invitationExpiresAt: null, updatedAt: new Date() },
        });
        if (count === 0) return undefined;
        const after = userView(await tx.user.findUniqueOrThrow({ where: { id: invited.id }, include: withRoles }));
        await this.record(tx, tenant, { by: { kind: 'user', id: invited.id }, verb: 'activate' }, invited.id, userView(invited), after);
        return after;
      }),
    );
  }

  recordLogin(tenant: string, id: string): Promise<unknown> {
    return this.db.ofTenant(tenant, (db) => db.user.update({ where: { id }, data: { lastLoginAt: new Date() } }));
  }
}
