import { type NatsConnection, JSONCodec, connect, headers as natsHeaders } from 'nats';
import { infrastructureUrls } from './infrastructure';

const json = JSONCodec();

export function connectTestNats(): Promise<NatsConnection> {
  return connect({ servers: infrastructureUrls().natsUrl, name: 'test' });
}

export interface RawReply {
  /** `error` when the reply carries `ido-status: error`, else `ok`. */
  status: 'ok' | 'error';
  body: unknown;
}

/** A request with the raw `nats` client, as any non-Nest caller would send it. */
export async function rawRequest(
  nats: NatsConnection,
  subject: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeout = 3_000,
): Promise<RawReply> {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(headers)) h.set(key, value);
  const reply = await nats.request(subject, json.encode(body), { timeout, headers: h });
  return { status: reply.headers?.get('ido-status') === 'error' ? 'error' : 'ok', body: json.decode(reply.data) };
}
