import { startTestService, type TestService } from '@ido/platform-service-harness';
import type { HttpRoute } from '@ido/internal-api';
import type { NatsConnection } from 'nats';
import { EDGE_AUTHORIZER } from '../access/edge-authorizer';
import { gatewayService } from '../gateway.module';
import { idempotencyBucketOf } from '../idempotency/idempotency-store';
import { BearerTestAuthorizer } from './bearer-test-authorizer';

/**
 * A gateway in-process with the test authorizer, on the real NATS server; stop()
 * also removes its idempotency bucket, which would otherwise outlive the namespace.
 */
export async function startTestGateway(routes: readonly HttpRoute[], namespace: string, env: Record<string, string> = {}): Promise<TestService> {
  const authorizer = { provide: EDGE_AUTHORIZER, useClass: BearerTestAuthorizer };
  const gateway = await startTestService(gatewayService({ routes, authorizer }, env), { namespace, env });
  return {
    ...gateway,
    stop: async () => {
      await dropIdempotencyBucket(gateway.nats, namespace);
      await gateway.stop();
    },
  };
}

async function dropIdempotencyBucket(nats: NatsConnection, namespace: string): Promise<void> {
  const streams = await nats.jetstreamManager();
  await streams.streams.delete(`KV_${idempotencyBucketOf(namespace)}`).catch(() => undefined);
}
