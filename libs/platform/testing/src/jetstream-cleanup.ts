import { connect } from 'nats';
import { infrastructureUrls } from './infrastructure';
import { namespaceCreatedAt, testNamespacePrefix } from './test-namespace';

/**
 * JetStream streams of test namespaces (named `<NAMESPACE>_…`, ADR 0003) outlive
 * the test process on the shared server: the harness deletes its namespace's,
 * global setup those of runs killed long ago.
 */
export async function dropNamespaceStreams(namespace: string): Promise<void> {
  if (!namespace.startsWith(testNamespacePrefix)) throw new Error(`refusing to drop streams of non-test namespace ${namespace}`);
  await deleteStreams((name) => name.startsWith(`${namespace.toUpperCase()}_`));
}

export async function sweepStaleTestStreams(olderThanMs: number): Promise<void> {
  const cutoff = Date.now() - olderThanMs;
  const prefix = testNamespacePrefix.toUpperCase();
  await deleteStreams((name) => {
    if (!name.startsWith(prefix)) return false;
    const created = namespaceCreatedAt(name.toLowerCase());
    return created !== undefined && created.getTime() < cutoff;
  });
}

async function deleteStreams(matches: (name: string) => boolean): Promise<void> {
  const nats = await connect({ servers: infrastructureUrls().natsUrl, name: 'test-cleanup' });
  try {
    const manager = await nats.jetstreamManager();
    for await (const name of manager.streams.names()) {
      if (matches(name)) await manager.streams.delete(name).catch(() => undefined);
    }
  } finally {
    await nats.close();
  }
}
