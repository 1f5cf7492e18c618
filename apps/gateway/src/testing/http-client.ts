export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface HttpCall {
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is, with only the headers given. */
  body?: unknown;
}

/** Calls one gateway over real HTTP, as a client would; bodies come back parsed. */
export function httpClient(baseUrl: () => string) {
  return async (method: string, path: string, init: HttpCall = {}): Promise<HttpAnswer> => {
    const raw = typeof init.body === 'string' || init.body === undefined;
    const headers = raw ? init.headers : { 'content-type': 'application/json', ...init.headers };
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body: raw ? (init.body as string | undefined) : JSON.stringify(init.body) });
    const text = await response.text();
    const json = response.headers.get('content-type')?.startsWith('application/json');
    return { status: response.status, headers: response.headers, body: text && json ? JSON.parse(text) : text || undefined };
  };
}
