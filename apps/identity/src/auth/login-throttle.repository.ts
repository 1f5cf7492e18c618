import { Inject, Injectable } from '@nestjs/common';
import { IdentityDatabase } from '../database/identity-database';
import { afterFailure, type LockoutPolicy, type ThrottleState } from './login-lockout';

/** Failed-login counters of a tenant, keyed `account:<email>` or `source:<ip>`. */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

  async states(tenant: string, keys: string[]): Promise<Map<string, ThrottleState>> {
    const rows = await this.db.ofTenant(tenant, (db) => db.loginThrottle.findMany({ where: { key: { in: keys } } }));
    return new Map(rows.map((row) => [row.key, row]));
  }

  /** One more failure, computed under a row lock so parallel guesses all count. */
  async recordFailure(tenant: string, key: string, policy: LockoutPolicy): Promise<ThrottleState> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO login_throttle (key, failures) VALUES (${key}, 0) ON CONFLICT (key) DO NOTHING`;
        const [current] = await tx.$queryRaw<ThrottleState[]>`
          SELECT failures, locked_until AS "lockedUntil", last_failure_at AS "lastFailureAt" FROM login_throttle WHERE key = ${key} FOR UPDATE`;
        const next = afterFailure(current && current.failures > 0 ? current : null, new Date(), policy);
        await tx.loginThrottle.update({ where: { key }, data: next });
        return next;
      }),
    );
  }

  async clear(tenant: string, key: string): Promise<void> {
    await this.db.ofTenant(tenant, (db) => db.loginThrottle.deleteMany({ where: { key } }));
  }
}
