import { connectTestNats, dropNamespaceStreams, newTestNamespace } from '@ido/platform-testing';
import { nanos, type NatsConnection, StorageType } from 'nats';
import { ensureEventStream, eventStreamName, eventSubjects } from './event-stream';

describe('event stream naming (ADR 0003)', () => {
  it('is IDO_EVENTS over ido.events.> in production', () => {
    expect(eventStreamName('ido')).toBe('IDO_EVENTS');
    expect(eventSubjects('ido')).toBe('ido.events.>');
  });

  it('follows the namespace elsewhere', () => {
    expect(eventStreamName('idot_abc_12')).toBe('IDOT_ABC_12_EVENTS');
  });
});

describe('ensureEventStream', () => {
  let nats: NatsConnection;
  let namespace: string;
  beforeEach(async () => {
    nats = await connectTestNats();
    namespace = newTestNamespace();
  });
  afterEach(async () => {
    await dropNamespaceStreams(namespace);
    await nats.close();
  });

  it('creates a file-backed stream with a 2-minute duplicate window, safely from several replicas at once', async () => {
    await Promise.all([ensureEventStream(nats, namespace), ensureEventStream(nats, namespace), ensureEventStream(nats, namespace)]);
    const { config } = await (await nats.jetstreamManager()).streams.info(eventStreamName(namespace));
    expect(config).toMatchObject({ subjects: [`${namespace}.events.>`], storage: StorageType.File, duplicate_window: nanos(120_000) });
  });

  it('brings an existing stream back to the expected config', async () => {
    const manager = await nats.jetstreamManager();
    await manager.streams.add({ name: eventStreamName(namespace), subjects: [`${namespace}.events.x`], storage: StorageType.File, max_age: nanos(1_000) });
    await ensureEventStream(nats, namespace);
    const { config } = await manager.streams.info(eventStreamName(namespace));
    expect(config).toMatchObject({ subjects: [`${namespace}.events.>`], max_age: nanos(7 * 24 * 3_600_000) });
  });
});
