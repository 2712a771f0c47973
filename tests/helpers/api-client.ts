// A test server on a copy of the template database, and a small HTTP client that keeps cookies
// and the CSRF token like a browser would.
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { ApiClient } from '../../scripts/lib/http-client.ts';
import { copyTemplate, type Backend, type TestDatabase } from './test-db.ts';

// The client lives with the scripts so the benchmarks use the very same one.
export { ApiClient, DEMO_PASSWORD, type ApiResponse } from '../../scripts/lib/http-client.ts';

export interface TestServer {
  url: string;
  backend: Backend;
  database: TestDatabase;
  app: FastifyInstance;
  close: () => Promise<void>;
}

export async function startTestServer(backend: Backend, opts: Omit<AppOptions, 'db'> = {}): Promise<TestServer> {
  const database = await copyTemplate(backend);
  const app = await buildApp({ db: database.db, ...opts });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, backend, database, app, close: async () => { await app.close(); await database.drop(); } };
}

/** A logged-in client for a demo account (or a logged-out one for null). */
export async function clientFor(server: TestServer, username: string | null): Promise<ApiClient> {
  const c = new ApiClient(server.url);
  if (username) {
    const r = await c.login(username);
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  } else await c.session();
  return c;
}
