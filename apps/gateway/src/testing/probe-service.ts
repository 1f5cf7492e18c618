import { Controller, Module } from '@nestjs/common';
import { authenticated, defineContract, definePermissions, defineRoutes, publicAccess, requires } from '@ido/internal-api';
import { Handles, IdoError, Public } from '@ido/platform-messaging';
import { requestContext } from '@ido/platform-observability';
import { z } from 'zod';

/*
 * A small service behind the gateway in its specs: contracts, the routes declared
 * beside them, and handlers that answer, fail, hang or report what reached them.
 */
const probe = <Req extends z.ZodType, Rep extends z.ZodType>(entity: string, verb: string, request: Req, reply: Rep, timeoutMs?: number) =>
  defineContract({ module: 'probe', entity, verb, version: 1, request, reply, timeoutMs });

const widget = z.object({ id: z.string(), name: z.string(), size: z.number().int() }).strict();
const nothing = z.object({}).strict();
const seen = z.object({
  requestId: z.string(),
  tenant: z.string().optional(),
  authorization: z.string().optional(),
  traceparent: z.string().optional(),
  clientIp: z.string().optional(),
});

export const probeV1 = {
  widgetGet: probe('widget', 'get', z.object({ id: z.uuid(), limit: z.coerce.number().int().min(1).max(100).default(10) }).strict(), z.object({ id: z.string(), limit: z.number() })),
  widgetCreate: probe('widget', 'create', z.object({ name: z.string().min(1), size: z.number().int() }).strict(), widget),
  /** Slow on purpose: a second request with the same key arrives while it is in flight. */
  gadgetCreate: probe('gadget', 'create', z.object({ name: z.string().min(1) }).strict(), z.object({ id: z.string(), name: z.string() })),
  widgetDelete: probe('widget', 'delete', z.object({ id: z.string() }).strict(), z.object({ deleted: z.string() })),
  labelSet: probe('label', 'set', z.object({ id: z.string(), source: z.string() }).strict(), z.object({ id: z.string(), source: z.string() })),
  contextGet: probe('context', 'get', nothing, seen),
  missingGet: probe('missing', 'get', nothing, nothing),
  hangGet: probe('hang', 'get', nothing, nothing, 300),
  crashGet: probe('crash', 'get', nothing, nothing),
  throttledGet: probe('throttled', 'get', nothing, nothing),
  /** Declared and routed, but served by nobody. */
  orphanGet: probe('orphan', 'get', nothing, nothing),
};

export const probePermissions = definePermissions('probe', {
  widgetRead: ['widget:read', 'See widgets'],
  widgetCreate: ['widget:create', 'Create widgets'],
});

export const probeRoutes = defineRoutes([
  { method: 'GET', path: '/v1/probe/widgets/:id', contract: probeV1.widgetGet, access: requires(probePermissions.widgetRead) },
  { method: 'POST', path: '/v1/probe/widgets', contract: probeV1.widgetCreate, access: requires(probePermissions.widgetCreate), successStatus: 201, idempotent: true },
  { method: 'POST', path: '/v1/probe/gadgets', contract: probeV1.gadgetCreate, access: authenticated, successStatus: 201, idempotent: true },
  { method: 'POST', path: '/v1/probe/orphans', contract: probeV1.orphanGet, access: authenticated, idempotent: true },
  { method: 'DELETE', path: '/v1/probe/widgets/:id', contract: probeV1.widgetDelete, access: authenticated },
  { method: 'PUT', path: '/v1/probe/labels/:id', contract: probeV1.labelSet, access: publicAccess },
  { method: 'GET', path: '/v1/probe/context', contract: probeV1.contextGet, access: authenticated },
  { method: 'GET', path: '/v1/probe/missing', contract: probeV1.missingGet, access: publicAccess },
  { method: 'GET', path: '/v1/probe/hang', contract: probeV1.hangGet, access: publicAccess },
  { method: 'GET', path: '/v1/probe/crash', contract: probeV1.crashGet, access: publicAccess },
  { method: 'GET', path: '/v1/probe/throttled', contract: probeV1.throttledGet, access: publicAccess },
  { method: 'GET', path: '/v1/probe/orphan', contract: probeV1.orphanGet, access: publicAccess },
]);

// The gateway has already checked access; these handlers only report what reached them.
@Public()
@Controller()
class ProbeController {
  private created = 0;

  @Handles(probeV1.widgetGet)
  widgetGet({ id, limit }: { id: string; limit: number }) {
    return { id, limit };
  }

  @Handles(probeV1.widgetCreate)
  widgetCreate({ name, size }: { name: string; size: number }) {
    if (name === 'taken') throw new IdoError('CONFLICT', 'Name taken');
    return { id: `w-${++this.created}`, name, size };
  }

  @Handles(probeV1.gadgetCreate)
  async gadgetCreate({ name }: { name: string }) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { id: `g-${++this.created}`, name };
  }

  @Handles(probeV1.widgetDelete)
  widgetDelete({ id }: { id: string }) {
    return { deleted: id };
  }

  @Handles(probeV1.labelSet)
  labelSet(label: { id: string; source: string }) {
    return label;
  }

  @Handles(probeV1.contextGet)
  contextGet() {
    const { requestId = '', tenant, authorization, traceparent, clientIp } = requestContext.current() ?? {};
    return { requestId, tenant, authorization, traceparent, clientIp };
  }

  @Handles(probeV1.missingGet)
  missingGet() {
    throw new IdoError('NOT_FOUND', 'No such widget', { id: 'w-404' });
  }

  @Handles(probeV1.hangGet)
  hangGet() {
    return new Promise(() => undefined);
  }

  @Handles(probeV1.crashGet)
  crashGet() {
    throw new Error('password=hunter2 at /srv/secret.ts:12');
  }

  @Handles(probeV1.throttledGet)
  throttledGet() {
    throw new IdoError('RATE_LIMITED', 'Too many attempts', { retryAfterSeconds: 29.5 });
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
