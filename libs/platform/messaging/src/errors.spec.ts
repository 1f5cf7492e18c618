import { errorCodes, httpStatusOf, IdoError, toWireError } from './errors';
import { wireSubject } from './message-contract';

describe('error model', () => {
  it('keeps the code, message and details of a domain error', () => {
    expect(toWireError(new IdoError('NOT_FOUND', 'No such invoice', { id: 'inv-1' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such invoice',
      details: { id: 'inv-1' },
    });
  });

  it('omits absent details', () => {
    expect(toWireError(new IdoError('FORBIDDEN', 'No'))).toEqual({ code: 'FORBIDDEN', message: 'No' });
  });

  it.each([new Error('db password wrong'), new TypeError('x is undefined'), 'a string', { code: 'NOT_FOUND' }, null])(
    'turns %o into INTERNAL without internals',
    (thrown) => {
      expect(toWireError(thrown)).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    },
  );
});

describe('wireSubject', () => {
  it('prefixes the namespace', () => {
    expect(wireSubject('ido', 'sales.v1.status.get')).toBe('ido.sales.v1.status.get');
  });
});

describe('error codes over HTTP', () => {
  it('maps every code, client errors to 4xx and only INTERNAL to 500', () => {
    expect(Object.keys(httpStatusOf).sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) {
      const status = httpStatusOf[code];
      if (['UNAVAILABLE', 'TIMEOUT', 'INTERNAL'].includes(code)) expect(status).toBeGreaterThanOrEqual(500);
      else expect(status >= 400 && status < 500).toBe(true);
    }
    expect([httpStatusOf.UNAVAILABLE, httpStatusOf.TIMEOUT]).toEqual([503, 504]);
  });
});

describe('IdoError.fromWire', () => {
  it('rebuilds a reported error', () => {
    expect(IdoError.fromWire({ code: 'CONFLICT', message: 'dup', details: [1] })).toMatchObject({ code: 'CONFLICT', message: 'dup', details: [1] });
  });

  it.each([null, 'boom', { code: 'TEAPOT', message: 'x' }, { code: 'CONFLICT' }, { code: 'CONFLICT', message: 'x', stack: 'at …' }])(
    'treats the malformed report %o as INTERNAL',
    (body) => {
      expect(IdoError.fromWire(body)).toMatchObject({ code: 'INTERNAL', message: 'Malformed error reply' });
    },
  );
});
