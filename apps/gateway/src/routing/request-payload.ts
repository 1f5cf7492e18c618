import type { HttpRoute } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';

export type Fields = Record<string, unknown>;

export interface HttpRequestParts {
  body: unknown;
  query: Fields;
  params: Fields;
}

/**
 * The contract request of one HTTP call. Path parameters win over the query and
 * the query over the body, so no body field can retarget the resource the URL
 * names. GET and DELETE carry no body worth reading.
 */
export function requestPayloadOf(method: HttpRoute['method'], { body, query, params }: HttpRequestParts): Fields {
  const bodyFields = method === 'GET' || method === 'DELETE' ? {} : fieldsOfBody(body);
  return { ...bodyFields, ...query, ...params };
}

function fieldsOfBody(body: unknown): Fields {
  if (body === undefined) return {};
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Fields;
  throw new IdoError('VALIDATION_FAILED', 'The request body must be a JSON object');
}
