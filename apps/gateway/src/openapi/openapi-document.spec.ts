import { compileErrors, validate } from '@readme/openapi-parser';
import { defineContract, defineRoutes, httpRoutes, identityV1, publicAccess } from '@ido/internal-api';
import { z } from 'zod';
import { openApiDocumentOf } from './openapi-document';

/** The parts of an operation these checks read. */
interface Operation {
  operationId: string;
  description: string;
  security: unknown[];
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; additionalProperties?: unknown } } } };
  responses: Record<string, { $ref?: string; content?: { 'application/json': { schema: unknown } } }>;
}

describe('the OpenAPI document of the deployed routes', () => {
  const document = openApiDocumentOf(httpRoutes);
  const operation = (method: string, path: string) => document.paths[path]?.[method] as Operation;

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(JSON.parse(JSON.stringify(document)));
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(document.openapi).toBe('3.1.0');
  });

  it.each(httpRoutes.map((route) => [route.method, route.path, route] as const))('describes %s %s with its contract', (method, path, route) => {
    const found = operation(method.toLowerCase(), path.replace(/:(\w+)/g, '{$1}'));
    expect(found.operationId).toBe(route.contract.subject);
    const success = found.responses[String(route.successStatus ?? 200)];
    expect(success?.content?.['application/json'].schema).toMatchObject({ type: 'object' });
    expect(found.responses['400']).toEqual({ $ref: '#/components/responses/BadRequest' });
    expect(found.security).toEqual(route.access.kind === 'public' ? [] : [{ bearer: [] }]);
    if (route.access.kind === 'permission') expect(found.description).toContain(route.access.permission.name);
  });

  it('turns path parameters into OpenAPI ones', () => {
    const found = operation('get', '/v1/identity/users/{id}');
    expect(found.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', format: 'uuid' }) }]);
    expect(document.paths['/v1/identity/users/:id']).toBeUndefined();
  });

  it('takes query parameters of a GET from its request schema', () => {
    const names = operation('get', '/v1/identity/users').parameters.map((p) => [p.name, p.in, p.required]);
    expect(names).toEqual(expect.arrayContaining([['limit', 'query', false], ['status', 'query', false], ['email', 'query', false]]));
  });

  it('gives a POST its strict body schema, without the path parameters', () => {
    const body = operation('post', '/v1/identity/users').requestBody?.content['application/json'].schema;
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(Object.keys(identityV1.userCreate.request.shape).sort());
    expect(body?.additionalProperties).toBe(false);
    const disable = operation('post', '/v1/identity/users/{id}/disable');
    expect(disable.requestBody).toBeUndefined();
    expect(disable.parameters.map((p) => p.name)).toEqual(['id']);
  });

  it('offers the Idempotency-Key header where a route takes one', () => {
    const header = (method: string, path: string) => operation(method, path).parameters.find((p) => p.name === 'Idempotency-Key');
    expect(header('post', '/v1/identity/users')).toMatchObject({ in: 'header', required: false });
    expect(header('post', '/v1/auth/login')).toBeUndefined();
  });

  it('describes the one error body', () => {
    expect(document.components.schemas['Error']).toMatchObject({
      type: 'object',
      properties: { error: { type: 'object', required: ['code', 'message', 'requestId'] } },
    });
  });
});

describe('the OpenAPI document of recursive schemas', () => {
  const contract = defineContract({ module: 'probe', entity: 'blob', verb: 'get', version: 1, request: z.object({ id: z.string() }).strict(), reply: z.object({ data: z.json() }).strict() });
  const document = openApiDocumentOf(defineRoutes([{ method: 'GET', path: '/v1/probe/blobs/:id', contract, access: publicAccess }]));

  it('moves what zod cannot inline into components, and the document stays valid', async () => {
    const result = await validate(JSON.parse(JSON.stringify(document)));
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(Object.keys(document.components.schemas)).toEqual(['Error', expect.stringMatching(/^probe\.v1\.blob\.get\.output\./)]);
  });
});

