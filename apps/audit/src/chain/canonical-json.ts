/**
 * Canonical JSON (the RFC 8785 shape for the values we store): object keys sorted
 * by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes
 * them. The same value always gives the same bytes, whatever order its keys were
 * built or stored in (jsonb reorders them), so a hash over it can be recomputed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON has no ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      return `{${Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort(byCodeUnits)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
        .join(',')}}`;
    default:
      throw new Error(`canonical JSON has no ${typeof value}`);
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
