/** Headers every request message carries (ARCHITECTURE §4). */
export const messageHeaders = {
  tenant: 'ido-tenant',
  requestId: 'ido-request-id',
  traceparent: 'traceparent',
  authorization: 'authorization',
  /** The end client's address as the gateway saw it (for per-source login throttling). */
  clientIp: 'ido-client-ip',
  /** On error replies: `error`, the body then being a WireError. Absent on success. */
  status: 'ido-status',
} as const;
