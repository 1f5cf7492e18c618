import fc from 'fast-check';
import type { HttpRoute } from '@ido/internal-api';
import { z } from 'zod';

/** One HTTP request that no route may accept. */
export interface MalformedRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

type JsonSchema = z.core.JSONSchema.BaseSchema;

/** A route with what its contract's request schema says about each field. */
interface RouteShape {
  route: HttpRoute;
  inPath: string[];
  fields: Record<string, JsonSchema>;
  required: string[];
  carriesBody: boolean;
}

const pathParameter = /:(\w+)/g;
const unknownField = fc.string({ minLength: 1, maxLength: 20 }).map((name) => `zz_${name}`);
const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length));
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), hugeString, fc.constantFrom('\u0000', '💥'.repeat(500), '<script>', "'; DROP TABLE tenant; --"));

export function shapeOf(route: HttpRoute): RouteShape {
  const schema = z.toJSONSchema(route.contract.request, { io: 'input', unrepresentable: 'any' });
  const inPath = [...route.path.matchAll(pathParameter)].map((match) => match[1] ?? '');
  const all = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const fields = Object.fromEntries(Object.entries(all).filter(([name]) => !inPath.includes(name)));
  const required = (schema.required ?? []).filter((name) => !inPath.includes(name));
  return { route, inPath, fields, required, carriesBody: route.method !== 'GET' && route.method !== 'DELETE' };
}

/** A path parameter that looks plausible (a UUID): the malformation is elsewhere. */
const plausibleParameter = 'a6d3c1de-9e1b-4b7a-8d55-6b9b3c0f2d11';

function pathOf(shape: RouteShape, values: string[] = []): string {
  let index = 0;
  return shape.route.path.replace(pathParameter, () => encodeURIComponent(values[index++] ?? plausibleParameter));
}

const withFields = (shape: RouteShape) => fc.record(Object.fromEntries(Object.keys(shape.fields).map((name) => [name, anyValue])), { requiredKeys: [] });

/** A value whose JSON type is not the one the field declares. */
function wrongTypeFor(field: JsonSchema): fc.Arbitrary<unknown> {
  const declared = field.type;
  const candidates: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.string()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 })],
  ];
  const types: unknown[] = declared === 'integer' ? ['number', 'integer'] : [declared];
  return fc.oneof(...candidates.filter(([type]) => !types.includes(type)).map(([, arbitrary]) => arbitrary));
}

function jsonBody(kind: string, shape: RouteShape, headers: Record<string, string>, body: unknown): MalformedRequest {
  return { kind, method: shape.route.method, path: pathOf(shape), headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Bodies that are wrong in one guaranteed way each, for a route that reads a body. */
function badBodies(shape: RouteShape, headers: Record<string, string>): fc.Arbitrary<MalformedRequest>[] {
  const raw = (kind: string, contentType: string, body: string): MalformedRequest => ({ kind, method: shape.route.method, path: pathOf(shape), headers: { ...headers, 'content-type': contentType }, body });
  const typed = Object.entries(shape.fields).filter(([, field]) => typeof field.type === 'string');
  return [
    fc.tuple(withFields(shape), unknownField, anyValue).map(([body, name, value]) => jsonBody('extra field', shape, headers, { ...body, [name]: value })),
    fc.oneof(fc.array(anyValue, { maxLength: 3 }), fc.double(), fc.string(), fc.constant(null), fc.boolean()).map((body) => jsonBody('not an object', shape, headers, body)),
    fc.oneof(fc.string().filter((text) => !parses(text)), fc.constantFrom('{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', '\u0000', 'NaN')).map((text) => raw('bad JSON', 'application/json', text)),
    fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png'), fc.string({ minLength: 1 })).map(([type, text]) => raw('wrong content type', type, text)),
    fc.integer({ min: 100, max: 20_000 }).map((depth) => raw('deep nesting', 'application/json', `{"zz_deep":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
    fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}').map((text) => raw('prototype poisoning', 'application/json', text)),
    ...(shape.required.length ? [fc.tuple(withFields(shape), fc.constantFrom(...shape.required)).map(([body, missing]) => omit(body, missing)).filter(refused(shape)).map((body) => jsonBody('missing field', shape, headers, body))] : []),
    ...(typed.length
      ? [fc.constantFrom(...typed).chain(([name, field]) => fc.tuple(withFields(shape), wrongTypeFor(field)).map(([body, value]) => ({ ...body, [name]: value }))).filter(refused(shape)).map((body) => jsonBody('wrong type', shape, headers, body))]
      : []),
  ];
}

/** Queries that are wrong in one guaranteed way each, for a GET or DELETE. */
function badQueries(shape: RouteShape, headers: Record<string, string>): fc.Arbitrary<MalformedRequest>[] {
  const at = (kind: string, query: URLSearchParams): MalformedRequest => ({ kind, method: shape.route.method, path: `${pathOf(shape)}?${query}`, headers });
  const names = Object.keys(shape.fields);
  return [
    fc.tuple(unknownField, fc.oneof(fc.string(), hugeString)).map(([name, value]) => at('extra query field', new URLSearchParams([[name, value]]))),
    ...(names.length ? [fc.tuple(fc.constantFrom(...names), fc.string(), fc.string()).map(([name, a, b]) => at('repeated query field', new URLSearchParams([[name, a], [name, b]])))] : []),
  ];
}

/** Tokens no verifier may accept: garbage, wrong schemes, forged or tampered JWTs. */
function badTokens(validToken: string): fc.Arbitrary<string> {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const forged = fc
    .record({ alg: fc.constantFrom('none', 'HS256', 'EdDSA', 'RS256'), tenant: fc.constantFrom('platform', 'fuzz'), perms: fc.constant(['identity:tenant:create']) })
    .map(({ alg, tenant, perms }) => `Bearer ${base64url({ alg, typ: 'at+jwt', kid: 'k1' })}.${base64url({ sub: 'x', tenant, perms, exp: 4_102_444_800 })}.${alg === 'none' ? '' : 'c2ln'}`);
  // Not the last character: some of its bits are base64 padding, which decoders ignore.
  const tampered = fc.nat({ max: validToken.length - 2 }).map((at) => `Bearer ${validToken.slice(0, at)}${validToken[at] === 'A' ? 'B' : 'A'}${validToken.slice(at + 1)}`);
  return fc.oneof(fc.string(), fc.string().map((text) => `Bearer ${text}`), fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', `bearer  ${validToken} extra`), forged, tampered);
}

/** Every kind of malformed request, spread over every route. */
export function malformedRequests(routes: readonly HttpRoute[], validToken: string): fc.Arbitrary<MalformedRequest> {
  const perRoute = routes.map((route) => {
    const shape = shapeOf(route);
    const guarded = route.access.kind !== 'public';
    const headers: Record<string, string> = guarded ? { authorization: `Bearer ${validToken}` } : {};
    const wrong = shape.carriesBody ? badBodies(shape, headers) : badQueries(shape, headers);
    const tokens = guarded ? [badTokens(validToken).map((authorization) => withToken(shape, authorization))] : [];
    const paths = shape.inPath.length ? [badPathParameters(shape, headers)] : [];
    return fc.oneof(...wrong, ...tokens, ...paths);
  });
  return fc.oneof(...perRoute, unknownRoutes());
}

/** A request that would be valid but for its token (the body, if any, has an unknown field too). */
function withToken(shape: RouteShape, authorization: string): MalformedRequest {
  if (!shape.carriesBody) return { kind: 'bad token', method: shape.route.method, path: pathOf(shape), headers: { authorization } };
  return jsonBody('bad token', shape, { authorization }, { zz_extra: 1 });
}

/** Path parameters that are not what the route takes; an unknown field makes sure no call succeeds. */
function badPathParameters(shape: RouteShape, headers: Record<string, string>): fc.Arbitrary<MalformedRequest> {
  const value = fc.oneof(fc.string({ minLength: 1 }), fc.string({ minLength: 101, maxLength: 300 }), fc.constantFrom('..', '../../etc/passwd', '%00', ' ', 'null', '-1'));
  return fc.array(value, { minLength: shape.inPath.length, maxLength: shape.inPath.length }).map((values) => {
    const path = pathOf(shape, values);
    return shape.carriesBody
      ? { kind: 'bad path parameter', method: shape.route.method, path, headers: { ...headers, 'content-type': 'application/json' }, body: '{"zz_extra":1}' }
      : { kind: 'bad path parameter', method: shape.route.method, path: `${path}?zz_extra=1`, headers };
  });
}

function unknownRoutes(): fc.Arbitrary<MalformedRequest> {
  const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
  return fc
    .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('/v1/', '/v2/', '/', '/v1/identity/'))
    .map(([method, segments, prefix]) => ({ kind: 'unknown route', method, path: `${prefix}zz-${segments.join('/')}`, headers: {} }));
}

/**
 * Whether the contract refuses the body (with the plausible path parameters):
 * fields that coerce (`z.coerce.number()` takes "5" and true) make a wrong JSON
 * type no guarantee of a wrong request, so the contract itself is the judge.
 */
function refused(shape: RouteShape): (body: Record<string, unknown>) => boolean {
  const params = Object.fromEntries(shape.inPath.map((name) => [name, plausibleParameter]));
  return (body) => !shape.route.contract.request.safeParse({ ...body, ...params }).success;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function omit(fields: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _omitted, ...rest } = fields;
  return rest;
}
