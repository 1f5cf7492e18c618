import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventContract, EventPayloadOf } from '@ido/internal-api';
import { NatsTransport, wireSubject } from '@ido/platform-messaging';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import type { ServiceConfig } from '@ido/platform-config';
import { JSONCodec, type NatsConnection } from 'nats';

const json = JSONCodec();

/**
 * Publishes identity's events on core NATS, after the change they describe has
 * committed. Until the outbox lands (audit issue) a verifier that misses one heals
 * on its next access snapshot (at most a minute later).
 */
@Injectable()
export class IdentityEvents {
  private readonly log = new Logger('IdentityEvents');

  constructor(
    @Inject(NatsTransport) private readonly transport: NatsTransport,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  publish<E extends EventContract>(event: E, payload: EventPayloadOf<E>): void {
    const body = event.payload.parse(payload);
    try {
      this.transport.unwrap<NatsConnection>().publish(wireSubject(this.config.namespace, event.subject), json.encode(body));
    } catch (error) {
      this.log.warn(`${event.subject} not published: ${(error as Error).message}`);
    }
  }
}
