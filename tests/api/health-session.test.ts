import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { MIGRATIONS } from '../../src/server/db/migrations.ts';
import { ApiClient, clientFor, startTestServer, type TestServer } from '../helpers/api-client.ts';
import { backends, copyTemplate } from '../helpers/test-db.ts';

describe.each(backends())('health and session (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.close());

  it('reports health with the database kind', async () => {
    const r = await new ApiClient(server.url).get('/api/health');
    expect(r.body).toEqual({ ok: true, db: backend });
  });

  it('is ready only while every migration is applied', async () => {
    const c = new ApiClient(server.url);
    expect((await c.get('/api/ready'))).toMatchObject({ status: 200, body: { ready: true, db: backend, migrations: MIGRATIONS.length } });
    // As if this code met a database an older process had not migrated yet.
    const last = MIGRATIONS[MIGRATIONS.length - 1];
    await server.database.db.query('DELETE FROM schema_migrations WHERE id = $1', [last.id]);
    try {
      const r = await c.get('/api/ready');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ ready: false, missing: [last.id] });
    } finally {
      await server.database.db.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [last.id, last.name]);
    }
    expect((await c.get('/api/ready')).status).toBe(200);
  });

  it('is not ready when the database does not answer, and does not say why to the caller', async () => {
    const database = await copyTemplate(backend);
    const app = await buildApp({ db: database.db, reports: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      await database.db.close();
      const r = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toEqual({ ready: false, db: backend, error: 'The database does not answer.' });
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('logs in with an HttpOnly SameSite=Lax session cookie and logs out', async () => {
    const c = new ApiClient(server.url);
    await c.session();
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrfToken!, cookie: `igis_csrf=${c.csrfToken}` },
      body: JSON.stringify({ username: 'planner', password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('igis_sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const logged = await clientFor(server, 'official-440111');
    expect((await logged.get('/api/session')).body.user).toMatchObject({ username: 'official-440111', role: 'official', district: '440111' });
    expect((await logged.request('DELETE', '/api/session')).status).toBe(204);
    expect((await logged.get('/api/session')).body.user).toBeNull();
  });

  it('refuses a wrong password and a mutation without CSRF token', async () => {
    const c = new ApiClient(server.url);
    expect((await c.login('planner', 'wrong')).status).toBe(401);
    const noCsrf = await clientFor(server, 'admin');
    expect((await noCsrf.request('DELETE', '/api/session', { csrf: false })).status).toBe(403);
  });

  it('serves the OpenAPI document describing the park edit', async () => {
    const r = await new ApiClient(server.url).get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.paths['/api/parks/{id}'].patch.requestBody).toBeTruthy();
  });
});
