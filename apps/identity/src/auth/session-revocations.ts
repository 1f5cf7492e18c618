import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '@ido/audit';
import { CLOCK_SKEW_SECONDS } from '@ido/identity';
import { identityEvents } from '@ido/internal-api';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import { IdentityDatabase } from '../database/identity-database';
import type { IdentitySettings } from '../identity.settings';
import { SessionsRepository } from './sessions.repository';

/**
 * Ends sessions early. Their refresh tokens stop at once (identity checks the
 * session); their access tokens stop at every verifier through the revocation
 * list (registry + event through the outbox), kept until the last such token has expired.
 */
@Injectable()
export class SessionRevocations {
  private readonly log = new Logger('SessionRevocations');

  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async revoke(tenant: string, where: { ids?: string[]; subjectId?: string; exceptId?: string }, reason: string): Promise<string[]> {
    const sessionIds = await this.sessions.revoke(tenant, where, reason);
    if (sessionIds.length === 0) return sessionIds;
    const until = new Date(Date.now() + (this.settings.accessTokenTtlSeconds + CLOCK_SKEW_SECONDS) * 1000);
    // The revocation list (served in every access snapshot) and the event that spreads it, in one transaction.
    await this.db.registry((db) =>
      db.$transaction(async (tx) => {
        await tx.sessionRevocation.createMany({ data: sessionIds.map((sessionId) => ({ sessionId, tenant, until })), skipDuplicates: true });
        await this.events.publish(tx, identityEvents.sessionsRevoked, { tenant, sessionIds, until: until.toISOString() });
      }),
    );
    this.log.log(`revoked ${sessionIds.length} session(s) of tenant ${tenant}: ${reason}`);
    return sessionIds;
  }

  /** Revocations whose access tokens may still be presented. */
  async live(): Promise<Array<{ tenant: string; sessionId: string; until: string }>> {
    const now = new Date();
    const rows = await this.db.registry(async (db) => {
      await db.sessionRevocation.deleteMany({ where: { until: { lte: now } } });
      return db.sessionRevocation.findMany({ orderBy: { until: 'asc' } });
    });
    return rows.map((row) => ({ tenant: row.tenant, sessionId: row.sessionId, until: row.until.toISOString() }));
  }
}
