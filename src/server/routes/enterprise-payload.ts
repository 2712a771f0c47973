// GET /api/enterprises/payload: every enterprise as the compact columnar payload the map's worker
// loads (src/domain/enterprise-payload.ts), gzipped. Built from the database in pages of rows so a
// million enterprises never sit in memory as objects, and cached until the data changes: in memory,
// and in the table enterprise_payloads, so that of several server processes on one PostgreSQL
// only one builds each revision and the others (and the next start) read the bytes. Every request
// checks the revision in the database, so no process serves a payload older than the data. The
// building and storing is in enterprises/enterprise-payload-store.ts.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { loadPayload, payloadRevision, type BuiltPayload } from '../enterprises/enterprise-payload-store.ts';

export function enterprisePayloadRoutes(app: FastifyInstance, db: Database): void {
  // This process's copy, checked against the database's revision on every request.
  const cache = new Map<boolean, Promise<BuiltPayload>>();

  app.get('/api/enterprises/payload', {
    schema: { tags: ['enterprises'], summary: 'All enterprises as a compact binary columnar payload (gzip); revenue only for roles that may see it' },
  }, async (req, reply) => {
    const confidential = mayReadConfidential(req);
    const rev = await payloadRevision(db);
    let pending = cache.get(confidential);
    if (!pending || (await pending).revision !== rev) {
      pending = loadPayload(db, confidential, rev);
      cache.set(confidential, pending);
      pending.catch(() => cache.delete(confidential));
    }
    const built = await pending;
    reply.header('Vary', 'Cookie').header('Cache-Control', 'private, no-cache').header('ETag', built.etag);
    if (req.headers['if-none-match'] === built.etag) return reply.status(304).send();
    return reply.header('Content-Type', 'application/octet-stream').header('Content-Encoding', 'gzip').send(built.gz);
  });
}
