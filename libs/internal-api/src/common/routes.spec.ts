import { z } from 'zod';
import { defineContract } from '../contract';
import { definePermissions } from './permissions';
import { authenticated, defineRoutes, publicAccess, requires } from './routes';

describe('defineRoutes', () => {
  const contract = defineContract({ module: 'probe', entity: 'thing', verb: 'create', version: 1, request: z.object({}).strict(), reply: z.object({}).strict() });
  const { thingCreate } = definePermissions('probe', { thingCreate: ['thing:create', 'Create things'] });

  it('takes idempotency keys on a POST for signed-in callers', () => {
    expect(defineRoutes([{ method: 'POST', path: '/v1/things', contract, access: requires(thingCreate), idempotent: true }])).toHaveLength(1);
    expect(defineRoutes([{ method: 'POST', path: '/v1/things', contract, access: authenticated, idempotent: true }])).toHaveLength(1);
  });

  it('refuses them on other methods and on public routes, whose keys would have no tenant', () => {
    expect(() => defineRoutes([{ method: 'PUT', path: '/v1/things', contract, access: authenticated, idempotent: true }])).toThrow(/only a POST/);
    expect(() => defineRoutes([{ method: 'POST', path: '/v1/things', contract, access: publicAccess, idempotent: true }])).toThrow(/only a POST/);
  });

  it('refuses a path that does not start with /', () => {
    expect(() => defineRoutes([{ method: 'GET', path: 'v1/things', contract, access: publicAccess }])).toThrow(/must start with \//);
  });
});
