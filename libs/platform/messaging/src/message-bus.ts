import { requestContext } from '@ido/platform-observability';
import { headers as natsHeaders, JSONCodec, type Msg, type NatsConnection, nuid } from 'nats';
import type { z } from 'zod';
import { IdoError } from './errors';
import { messageHeaders } from './headers';
import { encodeJson } from './wire-json';
import { type MessageContract, wireSubject } from './message-contract';
import { ReplyInbox } from './reply-inbox';

const json = JSONCodec();

/** Overrides for the context a call carries; by default it is the current request's. */
export interface CallContext {
  tenant?: string;
  requestId?: string;
  traceparent?: string;
  authorization?: string;
  clientIp?: string;
}

/**
 * The typed client: validates before sending and after receiving, forwards the
 * request context in headers, and turns every transport failure into IdoError.
 */
export class MessageBus {
  constructor(
    private readonly connection: () => NatsConnection,
    private readonly namespace: string,
  ) {}

  async request<Req extends z.ZodType, Rep extends z.ZodType>(
    contract: MessageContract<Req, Rep>,
    payload: z.input<Req>,
    context: CallContext = {},
  ): Promise<z.output<Rep>> {
    const request = contract.request.safeParse(payload);
    if (!request.success) {
      throw new IdoError('VALIDATION_FAILED', `Request does not match ${contract.subject}`, request.error.issues);
    }
    const reply = await this.dispatch(contract, request.data, context);
    const body = decode(reply, contract.subject);
    if (reply.headers?.get(messageHeaders.status) === 'error') throw IdoError.fromWire(body);
    const parsed = contract.reply.safeParse(body);
    if (!parsed.success) {
      throw new IdoError('INTERNAL', `Reply from ${contract.subject} does not match its contract`);
    }
    return parsed.data;
  }

  /** Not async: with AsyncLocalStorage on, every extra promise layer costs on every call. */
  private dispatch(contract: MessageContract, data: unknown, context: CallContext): Promise<Msg> {
    try {
      return ReplyInbox.of(this.connection()).call(contract, wireSubject(this.namespace, contract.subject), encodeJson(data), outgoingHeaders(context));
    } catch {
      // No connection yet, or it is closed or draining, or the message is too large.
      return Promise.reject(new IdoError('UNAVAILABLE', `Messaging unavailable for ${contract.subject}`));
    }
  }
}

/** Hot path: one header object per call, only the values present. */
function outgoingHeaders(context: CallContext) {
  const ambient = requestContext.current();
  const result = natsHeaders();
  result.set(messageHeaders.requestId, context.requestId ?? ambient?.requestId ?? nuid.next());
  const tenant = context.tenant ?? ambient?.tenant;
  if (tenant) result.set(messageHeaders.tenant, tenant);
  const traceparent = context.traceparent ?? ambient?.traceparent;
  if (traceparent) result.set(messageHeaders.traceparent, traceparent);
  const authorization = context.authorization ?? ambient?.authorization;
  if (authorization) result.set(messageHeaders.authorization, authorization);
  const clientIp = context.clientIp ?? ambient?.clientIp;
  if (clientIp) result.set(messageHeaders.clientIp, clientIp);
  return result;
}

function decode(message: Msg, subject: string): unknown {
  try {
    return message.data.length ? json.decode(message.data) : undefined;
  } catch {
    throw new IdoError('INTERNAL', `Reply from ${subject} is not JSON`);
  }
}
