import type { Logger } from '@nestjs/common';
import { type EventContract, identityEvents } from '@ido/internal-api';
import { wireSubject } from '@ido/platform-messaging';
import { JSONCodec, type NatsConnection, type Subscription } from 'nats';
import type { z } from 'zod';
import type { AccessState } from './access-state';
import type { TokenVerifier } from './token-verifier';

const json = JSONCodec();

/**
 * Follows identity's events on core NATS without a queue group: every replica keeps
 * its own access state and keys, so every replica needs every event.
 */
export function followIdentityEvents(
  connection: NatsConnection,
  namespace: string,
  target: { state: AccessState; verifier: TokenVerifier },
  log: Logger,
): Subscription[] {
  const follow = <P extends z.ZodType>(event: EventContract<P>, apply: (payload: z.output<P>) => void): Subscription =>
    connection.subscribe(wireSubject(namespace, event.subject), {
      callback: (error, message) => {
        if (error) return log.error(`${event.subject} subscription failed: ${error.message}`);
        const payload = event.payload.safeParse(decode(message.data));
        if (!payload.success) return log.warn(`ignored a malformed ${event.subject} event`);
        apply(payload.data);
      },
    });
  const refreshKeys = () => target.verifier.refreshKeys().catch((error: Error) => log.warn(`JWKS refetch failed: ${error.message}`));
  return [
    follow(identityEvents.tenantProvisioned, (tenant) => target.state.applyTenant(tenant)),
    follow(identityEvents.tenantChanged, (tenant) => target.state.applyTenant(tenant)),
    follow(identityEvents.sessionsRevoked, (revoked) => target.state.applyRevocation(revoked)),
    follow(identityEvents.signingKeysChanged, () => void refreshKeys()),
  ];
}

function decode(data: Uint8Array): unknown {
  try {
    return json.decode(data);
  } catch {
    return undefined;
  }
}
