import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and outgoing message of one request carries. */
export interface RequestContext {
  requestId: string;
  tenant?: string;
  subject?: string;
  /** W3C trace context of the caller, forwarded on outgoing calls. */
  traceparent?: string;
  /** The caller's bearer token, forwarded so each service checks it itself. */
  authorization?: string;
  /** The end client's address, as the gateway saw it. */
  clientIp?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
