import { identityV1, type ModuleName } from '@ido/internal-api';

/** The platform operator every HTTP spec starts the system with (IDO_PLATFORM_ADMIN_*). */
export const platformOperator = { email: 'ops@platform.test', password: 'platform operator passphrase' };
export const operatorEnv = { IDO_PLATFORM_ADMIN_EMAIL: platformOperator.email, IDO_PLATFORM_ADMIN_PASSWORD: platformOperator.password };

export interface HttpOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A client of the public API as a frontend would be one: JSON over HTTP, bearer tokens. */
export function gatewayClient(baseUrl: string) {
  async function http(method: string, path: string, options: HttpOptions = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  const login = async (tenant: string, email: string, password: string) =>
    identityV1.authLogin.reply.parse((await http('POST', '/v1/auth/login', { body: { tenant, email, password } })).body);

  const operatorToken = async () => (await login('platform', platformOperator.email, platformOperator.password)).accessToken;

  /**
   * Right after start the gateway may still be loading identity's keys and access
   * state and answers 503, as the API says (retry later): setup calls retry it.
   */
  async function untilAvailable(call: () => ReturnType<typeof http>) {
    for (let attempt = 0; ; attempt++) {
      const answer = await call();
      if (answer.status !== 503 || attempt >= 50) return answer;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** A new tenant with its first admin signed in. */
  async function createTenant(operator: string, id: string, modules: ModuleName[]) {
    const admin = { email: `admin@${id}.test`, displayName: `${id} admin`, password: `${id} night shift passphrase` };
    const created = await untilAvailable(() => http('POST', '/v1/platform/tenants', { token: operator, body: { id, name: `${id} security`, modules, admin } }));
    if (created.status !== 201) throw new Error(`tenant ${id} not created: ${created.status} ${JSON.stringify(created.body)}`);
    return { ...admin, tokens: await login(id, admin.email, admin.password) };
  }

  return { http, login, operatorToken, createTenant };
}

export type GatewayClient = ReturnType<typeof gatewayClient>;
