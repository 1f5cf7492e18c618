import { IdoError, toWireError } from './errors';
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
