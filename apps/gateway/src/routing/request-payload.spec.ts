import { IdoError } from '@ido/platform-messaging';
import { requestPayloadOf } from './request-payload';

describe('requestPayloadOf', () => {
  const parts = { body: { id: 'body', tag: 'body', note: 'body' }, query: { id: 'query', tag: 'query' }, params: { id: 'path' } };

  it('lets path parameters win over the query, and the query over the body', () => {
    expect(requestPayloadOf('PATCH', parts)).toEqual({ id: 'path', tag: 'query', note: 'body' });
  });

  it.each(['GET', 'DELETE'] as const)('ignores the body of a %s', (method) => {
    expect(requestPayloadOf(method, parts)).toEqual({ id: 'path', tag: 'query' });
    expect(requestPayloadOf(method, { ...parts, body: 'not an object' })).toEqual({ id: 'path', tag: 'query' });
  });

  it('treats a missing body as an empty one', () => {
    expect(requestPayloadOf('POST', { body: undefined, query: {}, params: {} })).toEqual({});
  });

  it.each([null, [1], 'text', 7, true])('refuses a JSON body that is not an object: %j', (body) => {
    const attempt = () => requestPayloadOf('POST', { body, query: {}, params: {} });
    expect(attempt).toThrow(IdoError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
