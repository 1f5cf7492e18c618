import { z } from 'zod';
import { defineContract } from '../contract';

export const serviceStatusRequest = z.object({}).strict();

export const serviceStatusReply = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    uptimeSeconds: z.number().nonnegative(),
    tenantCount: z.number().int().nonnegative(),
  })
  .strict();

export type ServiceStatus = z.infer<typeof serviceStatusReply>;

/** Every module answers `<module>.v1.status.get` with the same shape. */
export function defineStatusContract(module: string) {
  return defineContract({
    module,
    entity: 'status',
    verb: 'get',
    version: 1,
    request: serviceStatusRequest,
    reply: serviceStatusReply,
    timeoutMs: 2_000,
  });
}
