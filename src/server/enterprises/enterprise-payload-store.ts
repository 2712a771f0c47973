// The enterprise payload the map's worker loads (src/domain/enterprise-payload.ts), gzipped: built
// from the database in pages of rows so a million enterprises never sit in memory as objects, and
// stored in the table enterprise_payloads, so that of several server processes on one PostgreSQL only
// one builds each revision and the others (and the next start) read the bytes. The route
// (routes/enterprise-payload.ts) keeps a copy per process and checks `payloadRevision` per request.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { EnterprisePayloadBuilder, type EnterpriseRecord } from '../../domain/enterprise-payload.ts';
import type { Database } from '../db/database.ts';

const gzipAsync = promisify(gzip);
const PAGE = 50_000;

export interface BuiltPayload {
  revision: string;
  gz: Buffer;
  etag: string;
}

/** Changes whenever enterprises change: imports bump `enterprises_revision` in dataset_meta. */
export async function payloadRevision(db: Database): Promise<string> {
  const [r] = await db.query<{ rev: string | null; n: number; max: number | null }>(
    `SELECT (SELECT value::text FROM dataset_meta WHERE key = 'enterprises_revision') AS rev, count(*)::int AS n, max(id) AS max FROM enterprises`,
  );
  return `${r.rev ?? 0}:${r.n}:${r.max ?? 0}`;
}

async function build(db: Database, confidential: boolean, rev: string): Promise<BuiltPayload> {
  // The header's demo flag comes from the rows: imported real data is not labelled synthetic.
  const builder = new EnterprisePayloadBuilder({ confidential });
  for (let last = 0; ; ) {
    const rows = await db.query<EnterpriseRecord & { demo: boolean }>(
      `SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, cluster, sub_industry AS "subIndustry", future_industry AS "futureIndustry", tags,
         revenue::float8 AS revenue, district, town, village_park_id AS "villageParkId", value_park_id AS "valueParkId", demo
       FROM enterprises WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [last],
    );
    for (const r of rows) builder.add(r);
    if (rows.length < PAGE) break;
    last = rows[rows.length - 1].id;
  }
  const gz = await gzipAsync(builder.finish(), { level: 6 });
  return { revision: rev, gz, etag: `"${createHash('sha1').update(gz).digest('base64url').slice(0, 20)}"` };
}

/** The stored payload of this revision, else a new one, stored for the other processes. */
export async function loadPayload(db: Database, confidential: boolean, rev: string): Promise<BuiltPayload> {
  const variant = confidential ? 'confidential' : 'public';
  const [stored] = await db.query<{ etag: string; bytes: Uint8Array }>('SELECT etag, bytes FROM enterprise_payloads WHERE variant = $1 AND revision = $2', [variant, rev]);
  if (stored) return { revision: rev, etag: stored.etag, gz: Buffer.isBuffer(stored.bytes) ? stored.bytes : Buffer.from(stored.bytes) };
  const built = await build(db, confidential, rev);
  // Two processes may build the same revision at once: the bytes are the same, either write is right.
  await db.query(
    `INSERT INTO enterprise_payloads (variant, revision, etag, bytes) VALUES ($1, $2, $3, $4)
     ON CONFLICT (variant) DO UPDATE SET revision = EXCLUDED.revision, etag = EXCLUDED.etag, bytes = EXCLUDED.bytes, built_at = now()`,
    [variant, rev, built.etag, built.gz],
  ).catch((err: Error) => console.warn(`enterprise payload not stored (each process builds its own): ${err.message}`));
  return built;
}

