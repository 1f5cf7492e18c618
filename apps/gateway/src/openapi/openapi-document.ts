import type { HttpRoute } from '@ido/internal-api';
import { wireErrorSchema } from '@ido/platform-messaging';
import { z } from 'zod';
import { errorResponses, errorResponsesOf } from './error-responses';

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Fields = Record<string, JsonSchema>;

/** OpenAPI 3.1: its schema objects are JSON Schema 2020-12, which is what zod writes. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, object>>;
  components: { schemas: Fields; responses: Record<string, object>; securitySchemes: Record<string, object> };
}

const pathParameter = /:(\w+)/g;

/** The error body every failure answers with: the wire error plus the request id. */
const errorBody = z.object({ error: wireErrorSchema.extend({ requestId: z.string() }) }).strict();

/** The API's description, generated from the same route list and contract schemas the gateway serves. */
export function openApiDocumentOf(routes: readonly HttpRoute[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const shared = new SharedSchemas();
  for (const route of routes) {
    const path = route.path.replace(pathParameter, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route, shared) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ido-crm API', version: 'v1', description: 'The public HTTP API of ido-crm. Errors answer with one body: `{ "error": { "code", "message", "details"?, "requestId" } }`.' },
    paths,
    components: {
      schemas: { Error: shared.schemaOf(errorBody, 'output', 'error'), ...shared.schemas },
      responses: errorResponses,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

function operationOf(route: HttpRoute, shared: SharedSchemas): object {
  const { contract } = route;
  const request = shared.schemaOf(contract.request, 'input', contract.subject);
  const inPath = [...route.path.matchAll(pathParameter)].map((match) => match[1] ?? '');
  const fields = (request.properties ?? {}) as Fields;
  const rest = Object.keys(fields).filter((name) => !inPath.includes(name));
  const required = new Set(request.required ?? []);
  const inBody = route.method !== 'GET' && route.method !== 'DELETE';
  return {
    operationId: contract.subject,
    tags: [contract.module],
    summary: `${contract.entity} ${contract.verb}`,
    description: accessOf(route),
    security: route.access.kind === 'public' ? [] : [{ bearer: [] }],
    parameters: [
      ...inPath.map((name) => ({ name, in: 'path', required: true, schema: fields[name] ?? { type: 'string' } })),
      ...(inBody ? [] : rest.map((name) => ({ name, in: 'query', required: required.has(name), schema: fields[name] }))),
      ...(route.idempotent ? [idempotencyKeyParameter] : []),
    ],
    ...(inBody && rest.length > 0 && { requestBody: bodyOf(request, fields, rest, required) }),
    responses: { [String(route.successStatus ?? 200)]: successOf(route, shared), ...errorResponsesOf(route) },
  };
}

function bodyOf(request: JsonSchema, fields: Fields, names: string[], required: Set<string>): object {
  const bodyRequired = names.filter((name) => required.has(name));
  const properties = Object.fromEntries(names.map((name) => [name, fields[name]]));
  const schema = { ...request, properties, required: bodyRequired };
  return { required: bodyRequired.length > 0, content: { 'application/json': { schema } } };
}

function successOf(route: HttpRoute, shared: SharedSchemas): object {
  const replayed = { 'Idempotent-Replayed': { description: '"true" when this is the stored answer of an earlier request with the same key', schema: { type: 'string', enum: ['true'] } } };
  return {
    description: 'Success',
    ...(route.idempotent && { headers: replayed }),
    content: { 'application/json': { schema: shared.schemaOf(route.contract.reply, 'output', route.contract.subject) } },
  };
}

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a retry safe: the same key with the same request gets the first answer again (for 24 h); with a different request, 409.',
  schema: { type: 'string', pattern: '^[\\w.:-]{8,255}$' },
};

function accessOf(route: HttpRoute): string {
  const { access } = route;
  if (access.kind === 'public') return 'Public: no token needed.';
  if (access.kind === 'authenticated') return 'Any signed-in caller (bearer access token).';
  return `Requires the permission \`${access.permission.name}\` (${access.permission.description}).`;
}

/**
 * JSON Schemas of the contracts, in the document's one dialect. zod puts what
 * it cannot inline (recursive types, e.g. a JSON value) under the schema's own
 * `$defs`; split into parameters and bodies those references would dangle, so
 * they become components, named after their contract, and the refs follow.
 */
class SharedSchemas {
  readonly schemas: Fields = {};

  schemaOf(schema: z.ZodType, io: 'input' | 'output', owner: string): JsonSchema {
    // A per-schema $schema would only repeat the document's dialect.
    const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    if (!$defs) return rest;
    const prefix = `${owner}.${io}.`;
    const relink = (value: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"#/components/schemas/${prefix}`));
    for (const [name, definition] of Object.entries($defs)) this.schemas[`${prefix}${name}`] = relink(definition);
    return relink(rest);
  }
}
