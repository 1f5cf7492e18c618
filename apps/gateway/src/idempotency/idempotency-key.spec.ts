import type { HttpRoute } from '@ido/internal-api';
import { probeRoutes } from '../testing/probe-service';
import { fingerprintOf, idempotencyKeyOf } from './idempotency-key';

describe('idempotency keys and fingerprints', () => {
  const [read, create] = probeRoutes as [HttpRoute, HttpRoute];

  it('takes a bare or quoted key, and no header as no key', () => {
    expect(idempotencyKeyOf('0b7c7c52-7f7e-4d8e-9f43-2a4f7c1f5e10')).toBe('0b7c7c52-7f7e-4d8e-9f43-2a4f7c1f5e10');
    expect(idempotencyKeyOf('"order:2026.12.04_1"')).toBe('order:2026.12.04_1');
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it.each(['short', '"unbalanced-quote', 'with space in it', 'ünïcode-key', 'x'.repeat(256)])('refuses %j', (key) => {
    expect(() => idempotencyKeyOf(key)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('recognises the same request whatever the order of its fields', () => {
    expect(fingerprintOf(create, { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(fingerprintOf(create, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  });

  it('tells apart different values, array orders and routes', () => {
    const base = fingerprintOf(create, { tags: ['a', 'b'] });
    expect(fingerprintOf(create, { tags: ['b', 'a'] })).not.toBe(base);
    expect(fingerprintOf(create, { tags: ['a', 'b'], extra: null })).not.toBe(base);
    expect(fingerprintOf(read, { tags: ['a', 'b'] })).not.toBe(base);
  });
});
