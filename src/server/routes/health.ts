// Liveness and readiness, for a load balancer, a container orchestrator or a monitor (docs/deploy.md).
// /api/health: the process answers and its database answers a trivial query.
// /api/ready: 200 only when the database answers *and* has every migration this code knows (a
// process started against a database that another, older process has not migrated yet, or whose
// database is down, must not get traffic); 503 otherwise, saying why.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { appliedMigrations, MIGRATIONS } from '../db/migrations.ts';

export function healthRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/health', { schema: { tags: ['health'] } }, async () => {
    await db.query('SELECT 1'); // the probe itself: a round trip to the database
    return { ok: true, db: db.kind };
  });

  app.get('/api/ready', {
    schema: { tags: ['health'], summary: 'Ready for traffic: 200 when the database answers and every migration is applied, 503 otherwise' },
  }, async (req, reply) => {
    let applied: number[];
    try {
      applied = await appliedMigrations(db);
    } catch (err) {
      // The database's own words (host names, user names) go to the server log, not to whoever asks.
      req.log.warn({ err }, 'readiness: the database does not answer');
      return reply.status(503).send({ ready: false, db: db.kind, error: 'The database does not answer.' });
    }
    const missing = MIGRATIONS.map((m) => m.id).filter((id) => !applied.includes(id));
    if (missing.length) return reply.status(503).send({ ready: false, db: db.kind, error: `Migrations not applied yet: ${missing.join(', ')}.`, missing });
    return { ready: true, db: db.kind, migrations: MIGRATIONS.length };
  });
}
