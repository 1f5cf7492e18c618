const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The trace id of a W3C `traceparent` header; null when absent, malformed or all zeros (invalid by the spec). */
export function traceIdOf(header: string | undefined): string | null {
  const id = header ? traceparent.exec(header.trim())?.[1] : undefined;
  return id && !/^0+$/.test(id) ? id : null;
}
