import { Inject, Injectable } from '@nestjs/common';
import { TenantClients } from '@ido/platform-tenancy';
import type { Pool } from 'pg';
import { type AuditRow, auditColumns } from '../events/audit-row';

/** The tenant's chain read on its own connection (RLS: its rows and its head only). */
@Injectable()
export class ChainRepository {
  constructor(@Inject(TenantClients) private readonly tenants: TenantClients<Pool>) {}

  /** Records with seq in [fromSeq - 1, fromSeq + limit): the one before the range anchors it. */
  range(tenant: string, fromSeq: number, limit: number): Promise<{ rows: AuditRow[]; headSeq: number }> {
    return this.tenants.use(tenant, async (pool) => {
      const rows = await pool.query<AuditRow>(
        `SELECT ${auditColumns} FROM audit.audit_events WHERE tenant_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`,
        [tenant, fromSeq - 1, fromSeq + limit],
      );
      const head = await pool.query<{ seq: string }>('SELECT seq FROM audit.chain_heads WHERE tenant_id = $1', [tenant]);
      return { rows: rows.rows, headSeq: Number(head.rows[0]?.seq ?? 0) };
    });
  }
}
