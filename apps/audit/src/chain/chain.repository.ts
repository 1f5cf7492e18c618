import { Inject, Injectable } from '@nestjs/common';
import { TenantClients } from '@ido/platform-tenancy';
import type { Pool } from 'pg';
import { type AuditRow, auditColumns, linkOf } from '../events/audit-row';
import type { ArchivedLink, VerifiableLink } from './hash-chain';

/** The tenant's chain read on its own connection (RLS: its rows, its archived links and its head only). */
@Injectable()
export class ChainRepository {
  constructor(@Inject(TenantClients) private readonly tenants: TenantClients<Pool>) {}

  /**
   * Links with seq in [fromSeq - 1, fromSeq + limit), by seq: live records and the
   * places of archived ones (a month's records can interleave with later months'
   * in a chain). The one before the range anchors it.
   */
  range(tenant: string, fromSeq: number, limit: number): Promise<{ links: VerifiableLink[]; headSeq: number }> {
    const bounds = [tenant, fromSeq - 1, fromSeq + limit];
    return this.tenants.use(tenant, async (pool) => {
      const rows = await pool.query<AuditRow>(`SELECT ${auditColumns} FROM audit.audit_events WHERE tenant_id = $1 AND seq >= $2 AND seq < $3`, bounds);
      const archived = await pool.query<ArchivedRow>(`SELECT seq, id, prev_hash, hash FROM audit.archived_links WHERE tenant_id = $1 AND seq >= $2 AND seq < $3`, bounds);
      const head = await pool.query<{ seq: string }>('SELECT seq FROM audit.chain_heads WHERE tenant_id = $1', [tenant]);
      const links = [...rows.rows.map(linkOf), ...archived.rows.map(archivedLinkOf)].sort((a, b) => a.seq - b.seq);
      return { links, headSeq: Number(head.rows[0]?.seq ?? 0) };
    });
  }
}

interface ArchivedRow {
  seq: string;
  id: string;
  prev_hash: string;
  hash: string;
}

function archivedLinkOf(row: ArchivedRow): ArchivedLink {
  return { seq: Number(row.seq), id: row.id, prevHash: row.prev_hash, hash: row.hash, archived: true };
}
