import { Logger } from '@nestjs/common';
import { type AuditRecord, ensureEventStream, eventStreamName } from '@ido/audit';
import { auditEvents } from '@ido/internal-api';
import { AckPolicy, type ConsumerMessages, DeliverPolicy, type JsMsg, type NatsConnection, type NatsError, nanos } from 'nats';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { AuditLedger } from './audit-ledger';

export interface AuditConsumerSettings {
  namespace: string;
  /** The durable consumer's name: every replica shares it, so each event goes to one of them. */
  durable?: string;
  /** Records appended per transaction at most. */
  batchSize?: number;
  /** How long a partial batch waits for more messages before it is written. */
  lingerMs?: number;
  /** A delivered event not acknowledged within this is redelivered (the writer died or stalled). */
  ackWaitMs?: number;
}

const consumerNotFound = 10014;
const decoder = new TextDecoder();

/**
 * Moves audit records from JetStream into the log: a durable pull consumer with
 * explicit acks. A message is acknowledged only after the transaction that appended
 * it committed; a crash before that means redelivery, and the ledger skips what it
 * already has (by event id), so every record lands exactly once. Messages are
 * buffered up to batchSize or lingerMs; two batches are written at once, so one
 * travels to Postgres while the other holds the chain heads (they take them one
 * after the other: chains stay in insertion order).
 */
export class AuditConsumer {
  private readonly log = new Logger('AuditConsumer');
  private readonly settings: Required<AuditConsumerSettings>;
  private messages?: ConsumerMessages;
  private buffer: JsMsg[] = [];
  private linger?: NodeJS.Timeout;
  /** Batches go to the lanes in turn; each lane writes its batches one after the other. */
  private readonly lanes: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
  private nextLane = 0;
  private readonly metrics: ReturnType<typeof consumerMetrics>;

  constructor(
    private readonly ledger: AuditLedger,
    private readonly nats: () => NatsConnection,
    settings: AuditConsumerSettings,
    registry?: Registry,
  ) {
    this.settings = { durable: 'audit', batchSize: 1_000, lingerMs: 5, ackWaitMs: 30_000, ...settings };
    this.metrics = consumerMetrics(registry);
  }

  async start(): Promise<void> {
    const connection = this.nats();
    await ensureEventStream(connection, this.settings.namespace);
    await this.ensureConsumer(connection);
    const consumer = await connection.jetstream().consumers.get(eventStreamName(this.settings.namespace), this.settings.durable);
    this.messages = await consumer.consume({ max_messages: this.settings.batchSize * (this.lanes.length + 1), callback: (message) => this.receive(message) });
  }

  /** Stops receiving and waits for the batches in hand; anything unacknowledged is redelivered later. */
  async stop(): Promise<void> {
    await this.messages?.close();
    this.flush();
    await Promise.all(this.lanes);
  }

  private receive(message: JsMsg): void {
    this.buffer.push(message);
    if (this.buffer.length >= this.settings.batchSize) this.flush();
    else this.linger ??= setTimeout(() => this.flush(), this.settings.lingerMs);
  }

  private flush(): void {
    clearTimeout(this.linger);
    this.linger = undefined;
    const batch = this.buffer.splice(0);
    if (!batch.length) return;
    const lane = this.nextLane;
    this.nextLane = (lane + 1) % this.lanes.length;
    this.lanes[lane] = (this.lanes[lane] as Promise<void>).then(() => this.process(batch));
  }

  private async process(batch: JsMsg[]): Promise<void> {
    const valid: Array<{ message: JsMsg; record: AuditRecord }> = [];
    for (const message of batch) {
      const parsed = auditEvents.recorded.payload.safeParse(safeJson(message.data));
      if (parsed.success) valid.push({ message, record: parsed.data });
      else {
        // Redelivering a record that breaks its contract would never succeed: park it for operators.
        this.log.error(`audit record ${message.headers?.get('Nats-Msg-Id') ?? '?'} rejected: ${parsed.error.message}`);
        this.metrics.rejected.inc();
        message.term();
      }
    }
    if (!valid.length) return;
    try {
      const result = await this.ledger.append(valid.map((v) => v.record));
      for (const { message } of valid) message.ack();
      this.metrics.appended.inc(result.appended);
      this.metrics.duplicates.inc(result.duplicates);
      const now = Date.now();
      for (const { record } of valid) this.metrics.lag.observe((now - Date.parse(record.occurredAt)) / 1000);
    } catch (error) {
      this.log.error(`appending ${valid.length} audit records failed (redelivered): ${(error as Error).message}`);
      for (const { message } of valid) message.nak(1_000);
    }
  }

  /** Creates the durable consumer, or brings an existing one to this config; safe from replicas at once. */
  private async ensureConsumer(connection: NatsConnection): Promise<void> {
    const manager = await connection.jetstreamManager();
    const stream = eventStreamName(this.settings.namespace);
    const config = {
      ack_wait: nanos(this.settings.ackWaitMs),
      max_ack_pending: this.settings.batchSize * 20,
      filter_subject: `${this.settings.namespace}.${auditEvents.recorded.subject}`,
    };
    try {
      await manager.consumers.info(stream, this.settings.durable);
      await manager.consumers.update(stream, this.settings.durable, config);
    } catch (error) {
      if ((error as NatsError).api_error?.err_code !== consumerNotFound) throw error;
      await manager.consumers.add(stream, { ...config, durable_name: this.settings.durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
    }
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
}

function consumerMetrics(registry?: Registry) {
  const registers = registry ? [registry] : [];
  return {
    appended: new Counter({ name: 'ido_audit_events_appended_total', help: 'Audit records appended to the log', registers }),
    duplicates: new Counter({ name: 'ido_audit_events_duplicate_total', help: 'Redelivered audit records skipped (already in the log)', registers }),
    rejected: new Counter({ name: 'ido_audit_events_rejected_total', help: 'Messages that broke the audit record contract (terminated)', registers }),
    lag: new Histogram({
      name: 'ido_audit_ingest_lag_seconds',
      help: 'From the change (occurred_at) to its record in the log',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
  };
}
