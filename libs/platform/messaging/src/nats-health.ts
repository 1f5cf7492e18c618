import type { HealthCheck } from '@ido/platform-observability';
import type { NatsConnection } from 'nats';

/** Ready only while connected: a round trip (flush) to the server must succeed. */
export function natsHealthCheck(connection: () => NatsConnection): HealthCheck {
  return {
    name: 'nats',
    probe: async () => {
      const nc = connection();
      if (nc.isClosed()) throw new Error('connection closed');
      await nc.flush();
    },
  };
}
