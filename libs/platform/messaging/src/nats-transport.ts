import { hostname } from 'node:os';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { type RequestContext, type ServiceMetrics, requestContext } from '@ido/platform-observability';
import { type Msg, type MsgHdrs, type NatsConnection, type Subscription, JSONCodec, headers as natsHeaders, nuid } from 'nats';
import { IdoError, type WireError, toWireError } from './errors';
import { connectNats } from './nats-connection';
import { messageHeaders } from './headers';
import { encodeJson } from './wire-json';
import type { MessageContract } from './message-contract';
import { wireSubject } from './message-contract';

export interface NatsTransportSettings {
  service: string;
  servers: string[];
  namespace: string;
  metrics: ServiceMetrics;
  /** How long close() waits for handlers in flight before closing anyway. */
  drainTimeoutMs: number;
}

const json = JSONCodec();

/** A contract's handler: the bound controller method found by `registerHandlers`. */
export type ContractHandler = (request: unknown) => unknown;

/** Reads the decorator metadata of the handler method (e.g. the permission it requires). */
export type HandlerMetadata = <T>(key: string) => T | undefined;

interface Route {
  contract: MessageContract;
  handle: ContractHandler;
  metadata: HandlerMetadata;
}

/** What a middleware sees of one incoming request, before its payload is validated. */
export interface HandlerInvocation {
  contract: MessageContract;
  metadata: HandlerMetadata;
  header(name: string): string | undefined;
}

/**
 * Runs around every handler (e.g. the identity guard): it may throw an IdoError to
 * refuse the call, or wrap `next` to give the handler more context.
 */
export type HandlerMiddleware = (invocation: HandlerInvocation, next: () => Promise<unknown>) => Promise<unknown>;

const noMetadata: HandlerMetadata = () => undefined;

type StatusListener = (data: unknown) => void;
/** Connection events a service may follow (e.g. to log or alert). */
type NatsEvents = { disconnect: StatusListener; reconnect: StatusListener };

/** Options every NATS connection of ours uses: never give up reconnecting (ARCHITECTURE §9). */
export function natsConnectionOptions(service: string, servers: string[]) {
  return {
    servers,
    name: `${service}@${hostname()}`,
    // Async stack traces cost two captures per request; our errors never need them.
    noAsyncTraces: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    pingInterval: 10_000,
  };
}

/**
 * A Nest microservice transport on the raw `nats` client: plain JSON bodies,
 * context in headers, one queue group per service, validation by contract, and
 * a drain that lets requests in flight finish (ADR 0002).
 */
export class NatsTransport extends Server<NatsEvents> implements CustomTransportStrategy {
  private connection?: NatsConnection;
  private readonly subscriptions: Subscription[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly middlewares: HandlerMiddleware[] = [];
  private inFlight = 0;
  private settled?: () => void;
  private readonly listeners: Array<{ event: keyof NatsEvents; callback: StatusListener }> = [];

  constructor(private readonly settings: NatsTransportSettings) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { service, servers } = this.settings;
      this.connection = await connectNats(natsConnectionOptions(service, servers));
      void this.followStatus(this.connection);
      for (const route of this.routes.values()) this.subscribe(this.connection, route);
      callback();
    } catch (error) {
      callback(new Error(`cannot connect to NATS at ${this.settings.servers.join(',')}: ${(error as Error).message}`));
    }
  }

  /**
   * Adds the handler of one contract (before listen). Handlers are called
   * directly — Nest's RPC enhancer pipeline costs more per message than all of
   * our validation (ADR 0002) — so checks belong in the transport or the contract.
   */
  register(contract: MessageContract, handle: ContractHandler, metadata: HandlerMetadata = noMetadata): void {
    if (this.routes.has(contract.subject)) throw new Error(`two handlers for ${contract.subject}`);
    this.routes.set(contract.subject, { contract, handle, metadata });
  }

  /** Adds a middleware around every handler; the first added runs outermost. */
  use(middleware: HandlerMiddleware): void {
    this.middlewares.push(middleware);
  }

  /** Stop taking requests, let those in flight reply, then close the connection. */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.isClosed()) return;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.race([
      new Promise<void>((resolve) => (this.inFlight === 0 ? resolve() : (this.settled = resolve))),
      new Promise((resolve) => setTimeout(resolve, this.settings.drainTimeoutMs).unref()),
    ]);
    await connection.drain().catch(() => connection.close());
  }

  on<K extends keyof NatsEvents>(event: K, callback: NatsEvents[K]): void {
    this.listeners.push({ event, callback });
  }

  unwrap<T>(): T {
    if (!this.connection) throw new Error('NATS transport is not listening yet');
    return this.connection as T;
  }

  private subscribe(connection: NatsConnection, route: Route): void {
    const subject = wireSubject(this.settings.namespace, route.contract.subject);
    const subscription = connection.subscribe(subject, {
      queue: this.settings.service,
      callback: (error, message) => {
        if (error) return this.logger.error(`subscription ${subject} failed: ${error.message}`);
        this.serve(route, message);
      },
    });
    this.subscriptions.push(subscription);
  }

  /**
   * A synchronous handler is answered synchronously: no promise per message
   * (with AsyncLocalStorage on, each one costs). Inside the request context, so
   * the error log line carries it.
   */
  private serve(route: Route, message: Msg): void {
    this.inFlight++;
    const started = performance.now();
    requestContext.run(contextOf(route, message), () => {
      let result: unknown;
      try {
        result = this.invoke(route, message);
      } catch (error) {
        return this.fail(route, message, started, error);
      }
      if (result instanceof Promise) {
        result.then(
          (value) => this.succeed(route, message, started, value),
          (error) => this.fail(route, message, started, error),
        );
      } else {
        this.succeed(route, message, started, result);
      }
    });
  }

  private succeed(route: Route, message: Msg, started: number, value: unknown): void {
    let data: Uint8Array;
    try {
      data = encodeJson(value ?? null);
    } catch (error) {
      return this.fail(route, message, started, error); // e.g. a BigInt in the reply
    }
    this.finish(route, started, this.respond(message, data) ? 'ok' : 'UNAVAILABLE');
  }

  /** Thrown IdoErrors keep their code; anything else is logged and answered INTERNAL. */
  private fail(route: Route, message: Msg, started: number, error: unknown): void {
    const wire = toWireError(error);
    if (wire.code === 'INTERNAL') this.logger.error(`handler for ${route.contract.subject} failed: ${describe(error)}`);
    const replyHeaders = natsHeaders();
    replyHeaders.set(messageHeaders.status, 'error');
    this.finish(route, started, this.respond(message, wire, replyHeaders) ? wire.code : 'UNAVAILABLE');
  }

  /** Records the outcome (UNAVAILABLE: the reply could not be sent) and ends the request. */
  private finish(route: Route, started: number, outcome: string): void {
    this.settings.metrics.observeNats(route.contract.subject, outcome, (performance.now() - started) / 1e3);
    if (--this.inFlight === 0) this.settled?.();
  }

  /** Middlewares first (a caller that may not call learns nothing of the schema), then validation. */
  private invoke(route: Route, message: Msg): unknown {
    if (this.middlewares.length === 0) return this.handleValidated(route, message);
    const invocation: HandlerInvocation = {
      contract: route.contract,
      metadata: route.metadata,
      header: (name) => headerOf(message, name),
    };
    const chain = this.middlewares.reduceRight<() => Promise<unknown>>(
      (next, middleware) => () => middleware(invocation, next),
      async () => this.handleValidated(route, message),
    );
    return chain();
  }

  /** Synchronous for a synchronous handler: no promise is made that nothing waits for. */
  private handleValidated({ contract, handle }: Route, message: Msg): unknown {
    const request = contract.request.safeParse(decode(message));
    if (!request.success) {
      throw new IdoError('VALIDATION_FAILED', 'Request does not match the contract', request.error.issues);
    }
    const result = handle(request.data);
    return result instanceof Promise ? result.then((value) => checkedReply(contract, value)) : checkedReply(contract, result);
  }

  /**
   * Success replies carry no headers (they cost as much as the body); errors say so.
   * False if the reply could not be encoded or sent (the connection is closing).
   */
  private respond(message: Msg, body: Uint8Array | WireError, headers?: MsgHdrs): boolean {
    if (!message.reply) return true;
    try {
      return message.respond(body instanceof Uint8Array ? body : encodeJson(body), { headers });
    } catch {
      return false;
    }
  }

  private async followStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') {
        this.logger.warn(`NATS ${status.type}: ${String(status.data)}`);
      }
      for (const listener of this.listeners) if (listener.event === status.type) listener.callback(status.data);
    }
  }
}

function contextOf(route: Route, message: Msg): RequestContext {
  return {
    requestId: headerOf(message, messageHeaders.requestId) ?? nuid.next(),
    tenant: headerOf(message, messageHeaders.tenant),
    traceparent: headerOf(message, messageHeaders.traceparent),
    authorization: headerOf(message, messageHeaders.authorization),
    clientIp: headerOf(message, messageHeaders.clientIp),
    subject: route.contract.subject,
  };
}

function headerOf(message: Msg, name: string): string | undefined {
  return message.headers?.get(name) || undefined;
}

function checkedReply(contract: MessageContract, value: unknown): unknown {
  const reply = contract.reply.safeParse(value);
  if (!reply.success) throw new Error(`reply does not match ${contract.subject}: ${JSON.stringify(reply.error.issues)}`);
  return reply.data;
}

function decode(message: Msg): unknown {
  if (message.data.length === 0) return {};
  try {
    return json.decode(message.data);
  } catch {
    throw new IdoError('VALIDATION_FAILED', 'Request body is not valid JSON');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}
