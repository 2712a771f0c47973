// The HTTP client of our server: same-origin cookies, JSON in and out, the CSRF token of the
// current session on every mutation, and every non-2xx answer turned into an ApiError. Error answers
// are problem details (application/problem+json; parsed like any JSON).
import type { ProblemRef } from '../../domain/problems.ts';

/**
 * A non-2xx answer: `message` is the server's English `error` (= `detail`), `fields` its per-field
 * English messages; `problem` and `fieldProblems` are the codes and parameters of RFC 9457 problem
 * details (architecture §10), which errorText renders in the user's language.
 */
export class ApiError extends Error {
  readonly problem: ProblemRef | null;
  readonly fieldProblems: Record<string, ProblemRef>;

  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly body: unknown = null,
    readonly headers: Headers = new Headers(),
  ) {
    super(message);
    this.name = 'ApiError';
    const b = (body && typeof body === 'object' ? body : {}) as { code?: unknown; params?: unknown; fieldProblems?: unknown };
    this.problem = typeof b.code === 'string' ? { code: b.code, params: b.params && typeof b.params === 'object' ? (b.params as Record<string, unknown>) : {} } : null;
    this.fieldProblems = b.fieldProblems && typeof b.fieldProblems === 'object' ? (b.fieldProblems as Record<string, ProblemRef>) : {};
  }
}

/** Network failures (server down, offline) get status 0 so callers can say so in plain words. */
export const NETWORK_ERROR = 0;

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  text?: string;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
  status: number;
}

let csrfToken: string | null = null;

/** Remembers the token from GET/POST /api/session; it changes at log-in and log-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE = new Set(['GET', 'HEAD']);

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  if (!(res.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form !== undefined) {
    body = opts.form;
  } else if (opts.text !== undefined) {
    headers['content-type'] = opts.contentType ?? 'text/plain';
    body = opts.text;
  }
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(NETWORK_ERROR, (err as Error).message || 'network error');
  }
  const parsed = await parseBody(res);
  if (!res.ok) {
    const obj = (parsed && typeof parsed === 'object' ? parsed : {}) as { error?: unknown; fields?: unknown };
    const message = typeof obj.error === 'string' ? obj.error : `${res.status} ${res.statusText}`;
    const fields = obj.fields && typeof obj.fields === 'object' ? (obj.fields as Record<string, string>) : {};
    throw new ApiError(res.status, message, fields, parsed, res.headers);
  }
  return { body: parsed as T, headers: res.headers, status: res.status };
}

export const get = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await request<T>('GET', path, { signal })).body;
