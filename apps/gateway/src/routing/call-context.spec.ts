import { wellFormedTraceparent } from './call-context';

describe('wellFormedTraceparent', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('passes a version-00 trace context through unchanged', () => {
    expect(wellFormedTraceparent(valid)).toBe(valid);
  });

  it.each([
    ['absent', undefined],
    ['garbage', 'hello'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', valid.toUpperCase()],
    ['an unknown version', `ff${valid.slice(2)}`],
    ['trailing data', `${valid}-extra`],
  ])('drops one that is %s', (_case, value) => {
    expect(wellFormedTraceparent(value)).toBeUndefined();
  });
});
