import { type NatsConnection, nanos, type NatsError, RetentionPolicy, StorageType, type StreamConfig } from 'nats';

/** JetStream's answer to an unknown stream (api error code). */
const streamNotFound = 10059;

/** `IDO_EVENTS` in production: the stream of one namespace's domain events (ADR 0003). */
export function eventStreamName(namespace: string): string {
  return `${namespace.toUpperCase()}_EVENTS`;
}

/** Every event subject of the namespace: `<namespace>.events.<module>.<event>.v<n>`. */
export function eventSubjects(namespace: string): string {
  return `${namespace}.events.>`;
}

/** What an existing stream is updated to (storage cannot change after creation). */
function updatableConfig(namespace: string): Partial<StreamConfig> {
  return {
    subjects: [eventSubjects(namespace)],
    retention: RetentionPolicy.Limits,
    // Relay retries within this window are dropped by Nats-Msg-Id; later ones reach idempotent consumers.
    duplicate_window: nanos(2 * 60_000),
    max_age: nanos(7 * 24 * 3_600_000),
  };
}

/** The stream as this code expects it; ensureEventStream makes the server's match. */
export function eventStreamConfig(namespace: string): Partial<StreamConfig> & { name: string } {
  return { name: eventStreamName(namespace), storage: StorageType.File, ...updatableConfig(namespace) };
}

/** Creates the namespace's event stream, or updates it to the expected config; safe from every replica at once. */
export async function ensureEventStream(connection: NatsConnection, namespace: string): Promise<void> {
  const manager = await connection.jetstreamManager();
  const config = eventStreamConfig(namespace);
  try {
    await manager.streams.info(config.name);
  } catch (error) {
    if ((error as NatsError).api_error?.err_code !== streamNotFound) throw error;
    try {
      await manager.streams.add(config);
      return;
    } catch (raced) {
      // Another replica created it first: fall through to the update.
      if (!/already in use|name already/.test((raced as Error).message)) throw raced;
    }
  }
  await manager.streams.update(config.name, updatableConfig(namespace));
}
