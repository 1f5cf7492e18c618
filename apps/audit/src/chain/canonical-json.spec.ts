import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('is the same for the same value built in another key order', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it('orders keys by UTF-16 code units, not locale', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"é":3}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "q"' })).toBe('{"k\\"":"line\\nbreak \\"q\\""}');
  });

  it('drops undefined fields, as a JSON round trip (and jsonb) would', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s', (n) => {
    expect(() => canonicalJson({ n })).toThrow(/canonical JSON has no/);
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(BigInt(1))).toThrow(/bigint/);
  });

  it('writes numbers in their shortest form', () => {
    expect(canonicalJson([1.0, 0.1, -0, 1e21, 1.5e-7])).toBe('[1,0.1,0,1e+21,1.5e-7]');
  });
});
