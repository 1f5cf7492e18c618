import { Inject, Injectable, Logger } from '@nestjs/common';
import { identityEvents } from '@ido/internal-api';
import { NatsTransport, wireSubject } from '@ido/platform-messaging';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import type { ServiceConfig } from '@ido/platform-config';
import { JSONCodec, type NatsConnection } from 'nats';

const json = JSONCodec();

/**
 * Announces a changed JWKS on core NATS. Tenant and revocation events go through
 * the outbox with their change; this one is derived from time (keys retire when
 * their last token has expired), so it belongs to no transaction, and a verifier
 * that misses it loses nothing: it refetches on an unknown kid and on every sync.
 */
@Injectable()
export class KeySetAnnouncements {
  private readonly log = new Logger('KeySetAnnouncements');

  constructor(
    @Inject(NatsTransport) private readonly transport: NatsTransport,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  announce(kids: string[]): void {
    const event = identityEvents.signingKeysChanged;
    try {
      this.transport.unwrap<NatsConnection>().publish(wireSubject(this.config.namespace, event.subject), json.encode(event.payload.parse({ kids })));
    } catch (error) {
      this.log.warn(`${event.subject} not published: ${(error as Error).message}`);
    }
  }
}
