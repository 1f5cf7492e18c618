/** Headers every request message carries (ARCHITECTURE §4). */
export const messageHeaders = {
  tenant: 'ido-tenant',
  requestId: 'ido-request-id',
  traceparent: 'traceparent',
  authorization: 'authorization',
  /** On replies: `ok` or `error` (then the body is a WireError). */
  status: 'ido-status',
} as const;
