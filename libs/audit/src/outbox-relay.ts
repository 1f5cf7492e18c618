import { type MaintenanceDatabase, quoteIdent, tenantIdOfSchema } from '@ido/platform-tenancy';
import { ReplyInbox } from '@ido/platform-messaging';
import { type Msg, headers as natsHeaders, type NatsConnection } from 'nats';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ensureEventStream } from './event-stream';
import { OUTBOX_CHANNEL, OUTBOX_TABLE } from './outbox-migration';

export interface OutboxRelaySettings {
  namespace: string;
  /** Rows published per schema and transaction. */
  batchSize?: number;
  /** How often every schema is checked for pending rows (notifications can be lost). */
  sweepMs?: number;
  /** Retry delays double from 100 ms up to this while NATS or the database fails. */
  maxBackoffMs?: number;
  /** Schemas drained at once. */
  parallelism?: number;
  /** Published rows are deleted once this old (they only matter until JetStream has them). */
  keepSentMs?: number;
}

interface PendingRow {
  id: string;
  subject: string;
  payload: string;
  created_at: Date;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const schemasPerSweepQuery = 200;
/** Published rows are purged at most this often: one DELETE per schema, not one per sweep. */
const purgeEveryMs = 3_600_000;

/**
 * Publishes the outbox rows of every tenant schema to JetStream, `Nats-Msg-Id` =
 * row id, and marks them sent in the same transaction that claimed them
 * (FOR UPDATE SKIP LOCKED, so replicas share the work). A NOTIFY from the insert
 * wakes it at once; a periodic sweep catches what a lost notification missed and
 * measures the backlog. Maintenance work: it reads across tenants, never on a request.
 */
export class OutboxRelay {
  private readonly settings: Required<OutboxRelaySettings>;
  private readonly dirty = new Set<string>();
  private running?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  private unlisten?: () => Promise<void>;
  private failures = 0;
  private streamReady = false;
  private stopped = true;
  private lastPurge = 0;
  private readonly metrics: ReturnType<typeof relayMetrics>;

  constructor(
    private readonly database: MaintenanceDatabase,
    private readonly nats: () => NatsConnection,
    settings: OutboxRelaySettings,
    registry?: Registry,
  ) {
    this.settings = { batchSize: 500, sweepMs: 5_000, maxBackoffMs: 5_000, parallelism: 4, keepSentMs: 24 * 3_600_000, ...settings };
    this.metrics = relayMetrics(registry);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.database.listen(OUTBOX_CHANNEL, (schema) => this.wake(schema));
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), this.settings.sweepMs).unref();
    await this.sweep().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    clearTimeout(this.retry);
    await this.unlisten?.();
    await this.running;
  }

  /** Finds every schema with pending rows, exports the backlog, and drains them. */
  async sweep(): Promise<void> {
    const schemas = await this.outboxSchemas();
    let backlog = 0;
    let oldest: Date | undefined;
    for (let i = 0; i < schemas.length; i += schemasPerSweepQuery) {
      const chunk = schemas.slice(i, i + schemasPerSweepQuery);
      const sql = chunk
        .map((schema) => `SELECT ${literal(schema)} AS schema, count(*)::int AS pending, min(created_at) AS oldest FROM ${quoteIdent(schema)}.${OUTBOX_TABLE} WHERE sent_at IS NULL`)
        .join('\nUNION ALL\n');
      const { rows } = await this.database.query<{ schema: string; pending: number; oldest: Date | null }>(sql);
      for (const row of rows.filter((r) => r.pending > 0)) {
        backlog += row.pending;
        if (row.oldest && (!oldest || row.oldest < oldest)) oldest = row.oldest;
        this.wake(row.schema);
      }
    }
    this.metrics.backlog.set(backlog);
    this.metrics.oldest.set(oldest ? (Date.now() - oldest.getTime()) / 1000 : 0);
    if (Date.now() - this.lastPurge >= purgeEveryMs) {
      this.lastPurge = Date.now();
      await this.purgeSent(schemas);
    }
  }

  /** Deletes rows published more than keepSentMs ago; unpublished rows are never touched. */
  async purgeSent(schemas?: string[]): Promise<number> {
    let purged = 0;
    for (const schema of schemas ?? (await this.outboxSchemas())) {
      const result = await this.database.query(
        `DELETE FROM ${quoteIdent(schema)}.${OUTBOX_TABLE} WHERE sent_at IS NOT NULL AND sent_at < clock_timestamp() - make_interval(secs => $1)`,
        [this.settings.keepSentMs / 1000],
      );
      purged += result.rowCount ?? 0;
    }
    return purged;
  }

  private wake(schema: string): void {
    if (!tenantIdOfSchema(schema)) return;
    this.dirty.add(schema);
    this.kick();
  }

  private kick(): void {
    if (this.running || this.retry || this.stopped) return;
    this.running = this.drainDirty().finally(() => {
      this.running = undefined;
      if (this.dirty.size) this.kick();
    });
  }

  private async drainDirty(): Promise<void> {
    while (this.dirty.size && !this.stopped) {
      const schemas = [...this.dirty];
      this.dirty.clear();
      try {
        if (!this.streamReady) {
          await ensureEventStream(this.nats(), this.settings.namespace);
          this.streamReady = true;
        }
        await forEachLimited(schemas, this.settings.parallelism, async (schema) => {
          if (await this.publishBatch(schema)) this.dirty.add(schema);
        });
        this.failures = 0;
      } catch {
        for (const schema of schemas) this.dirty.add(schema);
        this.metrics.failures.inc();
        this.scheduleRetry();
        return;
      }
    }
  }

  private scheduleRetry(): void {
    const delay = Math.min(this.settings.maxBackoffMs, 100 * 2 ** this.failures++);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.kick();
    }, delay).unref();
  }

  /** Publishes one batch of a schema's pending rows; true when more may be waiting. */
  private publishBatch(schema: string): Promise<boolean> {
    const table = `${quoteIdent(schema)}.${OUTBOX_TABLE}`;
    const tenant = tenantIdOfSchema(schema) as string;
    return this.database.transaction(async (client) => {
      const { rows } = await client.query<PendingRow>(
        `SELECT id, subject, payload::text AS payload, created_at FROM ${table}
          WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.settings.batchSize],
      );
      if (!rows.length) return false;
      const inbox = ReplyInbox.of(this.nats());
      await Promise.all(
        rows.map((row) => {
          const headers = natsHeaders();
          headers.set('ido-tenant', tenant);
          headers.set('Nats-Msg-Id', row.id);
          return inbox.call(jetStreamPublish, `${this.settings.namespace}.${row.subject}`, encoder.encode(row.payload), headers).then(checkPubAck);
        }),
      );
      await client.query(`UPDATE ${table} SET sent_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      const now = Date.now();
      for (const row of rows) this.metrics.lag.observe((now - row.created_at.getTime()) / 1000);
      this.metrics.published.inc(rows.length);
      return rows.length === this.settings.batchSize;
    });
  }

  private async outboxSchemas(): Promise<string[]> {
    const { rows } = await this.database.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = $1 AND c.relkind = 'r' AND n.nspname LIKE 't\\_%' ORDER BY 1`,
      [OUTBOX_TABLE],
    );
    return rows.map((row) => row.schema).filter((schema) => tenantIdOfSchema(schema));
  }
}

/**
 * A JetStream publish is a request answered by a PubAck. It goes through the
 * bus's reply inbox rather than `jetstream().publish`, which builds an error
 * object per successful call (ADR 0002): the relay sends one request per row.
 */
const jetStreamPublish = { subject: 'JetStream publish', timeoutMs: 5_000 };

/** A PubAck (`{stream, seq, duplicate?}`) or the stream's refusal (`{error: {code, description}}`). */
function checkPubAck(reply: Msg): void {
  const ack = JSON.parse(decoder.decode(reply.data)) as { error?: { description?: string } };
  if (ack.error) throw new Error(`JetStream refused the event: ${ack.error.description ?? 'unknown error'}`);
}

/** Schema names are validated tenant schemas (`t_[a-z0-9_]+`), safe as literals. */
const literal = (schema: string) => `'${schema}'`;

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function relayMetrics(registry?: Registry) {
  const registers = registry ? [registry] : [];
  return {
    backlog: new Gauge({ name: 'ido_outbox_backlog', help: 'Outbox rows not yet published, across tenants (at the last sweep)', registers }),
    oldest: new Gauge({ name: 'ido_outbox_oldest_pending_seconds', help: 'Age of the oldest unpublished outbox row (at the last sweep)', registers }),
    published: new Counter({ name: 'ido_outbox_published_total', help: 'Outbox rows published to JetStream', registers }),
    failures: new Counter({ name: 'ido_outbox_relay_failures_total', help: 'Relay passes that failed (NATS or database down) and were retried', registers }),
    lag: new Histogram({
      name: 'ido_outbox_relay_lag_seconds',
      help: 'From outbox insert to its publication in JetStream',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
  };
}
