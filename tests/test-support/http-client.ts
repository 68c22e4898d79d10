/**
 * A tiny HTTP client with a cookie jar, for API tests against the real
 * server: each instance is one browser (one attendee or one instructor).
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // The caller names the body's shape, as it would cast Response.json(); a wrong shape fails its assertions.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  json<T = Record<string, unknown>>(): T;
}

export class HttpClient {
  /** Writable: after a restart on a new port the same browser (cookies) talks to the new server. */
  base: string;
  readonly cookies = new Map<string, string>();
  /** Set-Cookie lines as received, to inspect their attributes. */
  readonly setCookieLines: string[] = [];
  csrf = '';

  constructor(base: string) {
    this.base = base;
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see HttpResponse.json
    return { status: response.status, headers: response.headers, text, json: <T>(): T => JSON.parse(text) as T };
  }

  get(path: string, headers?: Record<string, string>): Promise<HttpResponse> {
    return this.request('GET', path, headers ? { headers } : {});
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<HttpResponse> {
    return this.request('POST', path, { body, ...(headers ? { headers } : {}) });
  }
}

/** Signs a client in as the local instructor with a fresh login link, and reads its CSRF token from the dashboard. */
export async function signInInstructor(client: HttpClient, linkToken: string): Promise<void> {
  const signedIn = await client.post('/api/instructor/login-link', { token: linkToken });
  if (signedIn.status !== 200) throw new Error(`login link refused: ${signedIn.text}`);
  const page = await client.get('/instructor/');
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error('no CSRF token on the dashboard');
  client.csrf = csrf;
}

/** Joins an event through the API; returns the response body. */
export async function join(client: HttpClient, code: string, displayName: string, resumeSecret?: string): Promise<HttpResponse> {
  return client.post('/api/join', { code, displayName, ...(resumeSecret ? { resumeSecret } : {}) });
}
