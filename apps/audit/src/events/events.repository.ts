import { Inject, Injectable } from '@nestjs/common';
import { TenantClients } from '@ido/platform-tenancy';
import type { Pool } from 'pg';
import { type AuditRow, auditColumns } from './audit-row';
import type { EventCursor } from './event-cursor';

export interface EventFilter {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

/**
 * The log read on the tenant's own connection: RLS shows it its rows only
 * (the tenant condition is repeated so the indexes lead with it).
 */
@Injectable()
export class EventsRepository {
  constructor(@Inject(TenantClients) private readonly tenants: TenantClients<Pool>) {}

  page(tenant: string, filter: EventFilter, limit: number, after?: EventCursor): Promise<AuditRow[]> {
    const conditions = ['tenant_id = $1'];
    const values: unknown[] = [tenant];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    if (filter.actorId) where((p) => `actor_id = ${p}`, filter.actorId);
    if (filter.action) where((p) => `action = ${p}`, filter.action);
    if (filter.entityType) where((p) => `entity_type = ${p}`, filter.entityType);
    if (filter.entityId) where((p) => `entity_id = ${p}`, filter.entityId);
    if (filter.from) where((p) => `occurred_at >= ${p}`, filter.from);
    if (filter.to) where((p) => `occurred_at < ${p}`, filter.to);
    if (after) {
      values.push(after.occurredAt, after.seq);
      conditions.push(`(occurred_at, seq) < ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
    }
    values.push(limit);
    const sql = `SELECT ${auditColumns} FROM audit.audit_events WHERE ${conditions.join(' AND ')}
      ORDER BY occurred_at DESC, seq DESC LIMIT $${values.length}`;
    return this.tenants.use(tenant, async (pool) => (await pool.query<AuditRow>(sql, values)).rows);
  }
}
