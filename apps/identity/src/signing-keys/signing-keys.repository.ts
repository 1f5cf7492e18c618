import { Inject, Injectable } from '@nestjs/common';
import { type AuditActor, AuditLog } from '@ido/audit';
import { IdentityDatabase } from '../database/identity-database';
import { PLATFORM_TENANT } from '../roles/built-in-roles';
import type { SigningKey } from '../../prisma/generated/prisma/client';

export type SigningKeyRow = SigningKey;

/** Signing keys in the registry; a key signs until superseded and stays published until retired. */
@Injectable()
export class SigningKeysRepository {
  constructor(
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  current(): Promise<SigningKeyRow | null> {
    return this.db.registry((db) => db.signingKey.findFirst({ where: { supersededAt: null }, orderBy: { createdAt: 'desc' } }));
  }

  /** Keys whose tokens may still be in use: the current one and those not yet retired. */
  published(now: Date): Promise<SigningKeyRow[]> {
    return this.db.registry((db) =>
      db.signingKey.findMany({ where: { OR: [{ retireAt: null }, { retireAt: { gt: now } }] }, orderBy: { createdAt: 'desc' } }),
    );
  }

  /**
   * Supersedes the current key (if any) and stores the next one, serialised across
   * replicas; `shouldRotate` sees the current key under the lock, so two replicas
   * deciding at once rotate once.
   */
  replaceCurrent(
    next: { kid: string; publicJwk: object; privateKeyEnc: string },
    retireAt: Date,
    shouldRotate: (current: SigningKeyRow | null) => boolean,
    by: AuditActor,
  ): Promise<boolean> {
    return this.db.registry((db) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ido.identity.signing-key'))`;
        const current = await tx.signingKey.findFirst({ where: { supersededAt: null } });
        if (!shouldRotate(current)) return false;
        if (current) await tx.signingKey.update({ where: { kid: current.kid }, data: { supersededAt: new Date(), retireAt } });
        await tx.signingKey.create({ data: next });
        await this.audit.record(tx, {
          tenant: PLATFORM_TENANT,
          actor: by,
          action: 'identity.signing-key.rotate',
          entity: { type: 'signing-key', id: next.kid },
          before: current && { kid: current.kid, retireAt: retireAt.toISOString() },
          after: { kid: next.kid, publicJwk: next.publicJwk as Record<string, string> },
        });
        return true;
      }),
    );
  }
}
