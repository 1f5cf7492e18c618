import { Inject, Injectable } from '@nestjs/common';
import { IdentityDatabase } from '../database/identity-database';
import type { SigningKey } from '../../prisma/generated/prisma/client';

export type SigningKeyRow = SigningKey;

/** Signing keys in the registry; a key signs until superseded and stays published until retired. */
@Injectable()
export class SigningKeysRepository {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

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
  replaceCurrent(next: { kid: string; publicJwk: object; privateKeyEnc: string }, retireAt: Date, shouldRotate: (current: SigningKeyRow | null) => boolean): Promise<boolean> {
    return this.db.registry((db) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ido.identity.signing-key'))`;
        const current = await tx.signingKey.findFirst({ where: { supersededAt: null } });
        if (!shouldRotate(current)) return false;
        if (current) await tx.signingKey.update({ where: { kid: current.kid }, data: { supersededAt: new Date(), retireAt } });
        await tx.signingKey.create({ data: next });
        return true;
      }),
    );
  }
}
