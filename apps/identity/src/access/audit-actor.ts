import type { AuditActor } from '@ido/audit';
import type { Actor } from '@ido/identity';

/** The audit log's view of who acted. */
export const auditActorOf = (actor: Actor): AuditActor => ({ kind: actor.kind, id: actor.id });

/** Changes identity makes by itself (the platform tenant, scheduled key rotation, a first operator from env). */
export const identityItself: AuditActor = { kind: 'service', id: 'identity' };
