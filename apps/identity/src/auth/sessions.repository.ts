import { Inject, Injectable } from '@nestjs/common';
import { IdentityDatabase } from '../database/identity-database';

export type SubjectKind = 'user' | 'service';

/** What presenting a refresh token found. */
export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; subjectId: string; sessionExpiresAt: Date }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

/** Sessions (refresh-token families) and their tokens, in the tenant's schema. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

  async open(tenant: string, session: { subjectId: string; kind: SubjectKind; expiresAt: Date }): Promise<string> {
    const row = await this.db.ofTenant(tenant, (db) =>
      db.session.create({ data: { subjectId: session.subjectId, subjectKind: session.kind, expiresAt: session.expiresAt }, select: { id: true } }),
    );
    return row.id;
  }

  async addRefreshToken(tenant: string, sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.ofTenant(tenant, (db) => db.refreshToken.create({ data: { tokenHash, sessionId, expiresAt } }));
  }

  /**
   * Spends a refresh token atomically: a live token of a live session is marked
   * used (exactly one concurrent caller wins); a token already used is reuse.
   */
  async spend(tenant: string, tokenHash: string): Promise<RefreshOutcome> {
    return this.db.ofTenant(tenant, async (db) => {
      const now = new Date();
      const spent = await db.refreshToken.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now }, session: { revokedAt: null, expiresAt: { gt: now } } },
        data: { usedAt: now },
      });
      const token = await db.refreshToken.findUnique({ where: { tokenHash }, include: { session: true } });
      if (!token) return { kind: 'invalid' };
      if (spent.count === 1) return { kind: 'rotated', sessionId: token.sessionId, subjectId: token.session.subjectId, sessionExpiresAt: token.session.expiresAt };
      return token.usedAt && token.usedAt < now ? { kind: 'reused', sessionId: token.sessionId } : { kind: 'invalid' };
    });
  }

  /** Marks sessions revoked; returns those that were live (already revoked ones are left as they were). */
  async revoke(tenant: string, where: { ids?: string[]; subjectId?: string; exceptId?: string }, reason: string): Promise<string[]> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const live = await tx.session.findMany({
          where: { revokedAt: null, expiresAt: { gt: new Date() }, id: { in: where.ids, not: where.exceptId }, subjectId: where.subjectId },
          select: { id: true },
        });
        const ids = live.map((s) => s.id);
        await tx.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: new Date(), revokeReason: reason } });
        return ids;
      }),
    );
  }
}
