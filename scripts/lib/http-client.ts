// A small HTTP client that behaves like the browser app towards our API: keeps cookies, fetches
// the CSRF token and sends it on every mutation. Used by the API tests and the benchmarks.
import { DEMO_PASSWORD } from '../../src/server/db/seed.ts';

export { DEMO_PASSWORD };

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, opts: { json?: unknown; body?: string | FormData; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<ApiResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && opts.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, { method, headers, body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }

  /** The Cookie header this client would send, for raw fetches (binary bodies, custom headers). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get<T = any>(path: string) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('GET', path);
  }

  /** Fetches the CSRF token (anonymous or session) like the app does on load. */
  async session() {
    const r = await this.get('/api/session');
    this.csrfToken = r.body.csrfToken;
    return r;
  }

  async login(username: string, password = DEMO_PASSWORD) {
    await this.session();
    const r = await this.request('POST', '/api/session', { json: { username, password } });
    if (r.status === 200) this.csrfToken = r.body.csrfToken;
    return r;
  }

  async patchPark(id: number, version: number | null, body: Record<string, unknown>) {
    return this.request('PATCH', `/api/parks/${id}`, { json: body, headers: version === null ? {} : { 'if-match': `"${version}"` } });
  }
}

