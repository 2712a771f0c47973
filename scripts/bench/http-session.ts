// A logged-in HTTP session like the browser's: keeps cookies and sends the CSRF token on mutations.
export class HttpSession {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (json !== undefined) h['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: json === undefined ? undefined : JSON.stringify(json) });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
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
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  }

  static async login(baseUrl: string, username: string, password: string): Promise<HttpSession> {
    const s = new HttpSession(baseUrl);
    s.csrf = (await s.request('GET', '/api/session')).body.csrfToken;
    const r = await s.request('POST', '/api/session', { username, password });
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    s.csrf = r.body.csrfToken;
    return s;
  }
}
