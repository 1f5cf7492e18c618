import { createInbox, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { IdoError } from './errors';

/** What a call awaits: a subject to name in errors, and how long to wait (a MessageContract is one). */
export interface ReplyExpectation {
  subject: string;
  timeoutMs: number;
}

interface PendingCall {
  contract: ReplyExpectation;
  deadline: number;
  resolve(reply: Msg): void;
  reject(error: IdoError): void;
}

/**
 * Request/reply on one wildcard inbox subscription per connection, in place of
 * nats.js `request()`, which builds a Cancelled NatsError (with its stack) and
 * a timer per successful call (ADR 0002, "Replies"). One timer, armed for the
 * earliest deadline, expires calls; a reply settles its call and nothing else.
 */
export class ReplyInbox {
  private static readonly byConnection = new WeakMap<NatsConnection, ReplyInbox>();

  /** The connection's inbox, subscribed on first use (throws if the connection is closed). */
  static of(connection: NatsConnection): ReplyInbox {
    let inbox = ReplyInbox.byConnection.get(connection);
    if (!inbox) ReplyInbox.byConnection.set(connection, (inbox = new ReplyInbox(connection)));
    return inbox;
  }

  private readonly prefix = `${createInbox()}.`;
  private readonly pending = new Map<string, PendingCall>();
  private sent = 0;
  private timer?: NodeJS.Timeout;
  private wakeAt = Infinity;

  private constructor(private readonly connection: NatsConnection) {
    // nats.js re-subscribes it after a reconnect; it closes with the connection
    // (or on a permission error), which fails every call still waiting.
    const subscription = connection.subscribe(`${this.prefix}*`, {
      callback: (error, message) => {
        if (!error) this.receive(message);
      },
    });
    void subscription.closed.then(() => this.closed());
  }

  /** Publishes with a reply subject of this inbox; settles on the reply, TIMEOUT or UNAVAILABLE. */
  call(contract: ReplyExpectation, subject: string, data: Uint8Array, headers: MsgHdrs): Promise<Msg> {
    const token = (++this.sent).toString(36);
    this.connection.publish(subject, data, { reply: this.prefix + token, headers });
    const deadline = Date.now() + contract.timeoutMs;
    this.wakeUpBy(deadline);
    return new Promise((resolve, reject) => this.pending.set(token, { contract, deadline, resolve, reject }));
  }

  private receive(message: Msg): void {
    const token = message.subject.slice(this.prefix.length);
    const call = this.pending.get(token);
    if (!call) return; // a reply after its call timed out
    this.pending.delete(token);
    // The server answers "no responders" at once: an empty message with status 503.
    if (message.data.length === 0 && message.headers?.code === 503) call.reject(unavailable(call.contract));
    else call.resolve(message);
  }

  /** The timer is unref'd: a call in flight keeps the process up through its connection. */
  private wakeUpBy(deadline: number): void {
    if (deadline >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = deadline;
    this.timer = setTimeout(() => this.expire(), deadline - Date.now()).unref();
  }

  private expire(): void {
    this.wakeAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [token, call] of this.pending) {
      if (call.deadline <= now) {
        this.pending.delete(token);
        call.reject(new IdoError('TIMEOUT', `${call.contract.subject} did not answer within ${call.contract.timeoutMs} ms`));
      } else if (call.deadline < next) {
        next = call.deadline;
      }
    }
    if (next < Infinity) this.wakeUpBy(next);
  }

  private closed(): void {
    if (ReplyInbox.byConnection.get(this.connection) === this) ReplyInbox.byConnection.delete(this.connection);
    clearTimeout(this.timer);
    for (const call of this.pending.values()) call.reject(new IdoError('UNAVAILABLE', `Messaging unavailable for ${call.contract.subject}`));
    this.pending.clear();
  }
}

function unavailable(contract: ReplyExpectation): IdoError {
  return new IdoError('UNAVAILABLE', `Nothing serves ${contract.subject} (service down or version not served)`);
}
