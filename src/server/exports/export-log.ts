// The export log (table export_log, migrations 2 and 10) and the export rate, which is counted from
// it: every export asked of POST /api/exports that passes validation gets one row (who, role, client
// address, layer, format, filters, area, fields, rows sent), refused ones too, with the reason.
// The log is in the database, so every server process counts the same exports.
import type { MultiPolygon, Polygon } from 'geojson';
import type { ExportRefusal } from '../../domain/extract/export-policy.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { RoleLimits } from './export-policy.ts';

export interface ExportLogEntry {
  userId: number | null;
  username: string | null;
  /** The role, or `public` for a visitor who is not logged in. */
  role: string;
  /** The client's address (req.ip: from X-Forwarded-For only behind a trusted proxy, TRUST_PROXY). */
  source: string;
  layer: string;
  format: string;
  filters: unknown;
  fields: string[];
  area?: Polygon | MultiPolygon | null;
}

/**
 * Exports that count towards the rate: those served, and those refused for too many rows (the
 * refusal costs the same count query each time, so asking again and again must not be free).
 * Refusals for the rate itself do not count, so Retry-After is exact; layer and field refusals do
 * no database work.
 */
const COUNTED = `(refused IS NULL OR refused = 'rows')`;

/** Advisory-lock class of the export rate (two-key form; migrations use the one-key form). */
const RATE_LOCK = 724002;

async function insert(tx: Queryable, e: ExportLogEntry, refused: ExportRefusal | null): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }>(
    `INSERT INTO export_log (user_id, username, role, source, layer, format, filters, fields, area, refused, features)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::text[], ST_SetSRID(ST_GeomFromGeoJSON($9), 4326), $10, 0) RETURNING id::text AS id`,
    [e.userId, e.username, e.role, e.source, e.layer, e.format, JSON.stringify(e.filters), e.fields, e.area ? JSON.stringify(e.area) : null, refused]);
  return id;
}

/** Logs an export refused before any work (a layer or a field the role may not have). */
export async function logRefusal(db: Queryable, e: ExportLogEntry, refusal: 'layer' | 'fields'): Promise<void> {
  await insert(db, { ...e, area: null }, refusal);
}

/**
 * Claims one export for the caller's rate: answers the log row's id (the area, parsed once, is
 * stored with it and the export's pages read it from there), or the seconds to wait when the last
 * minute or hour already holds as many exports as the role may make (then a `rate` refusal is
 * logged instead). The rate is per account for users, and per client address for visitors who are
 * not logged in (a new anonymous session costs nothing, so counting by session would limit no one).
 * Check and record happen under one advisory lock per caller, so parallel requests cannot all
 * slip past the limit.
 */
export async function claimExport(db: Database, e: ExportLogEntry, limits: RoleLimits): Promise<{ id: string } | { retryAfter: number }> {
  return db.transaction(async (tx) => {
    const windows: [limit: number, seconds: number][] = [];
    if (limits.perMinute !== null) windows.push([limits.perMinute, 60]);
    if (limits.perHour !== null) windows.push([limits.perHour, 3600]);
    if (windows.length) {
      const [who, value] = e.userId !== null ? ['user_id = $1', e.userId] as const : ['user_id IS NULL AND source = $1', e.source] as const;
      await tx.query(`SELECT pg_advisory_xact_lock(${RATE_LOCK}, hashtext($1))`, [e.userId !== null ? `user:${e.userId}` : `address:${e.source}`]);
      let wait = 0;
      for (const [limit, seconds] of windows) {
        // The limit-th newest counted export in the window: once it leaves the window, one more may go.
        const [row] = await tx.query<{ wait: number }>(
          `SELECT ceil(extract(epoch FROM at + make_interval(secs => ${seconds}) - now()))::int AS wait FROM export_log
           WHERE ${who} AND ${COUNTED} AND at > now() - make_interval(secs => ${seconds}) ORDER BY at DESC OFFSET ${limit - 1} LIMIT 1`, [value]);
        if (row) wait = Math.max(wait, row.wait, 1);
      }
      if (wait) {
        await insert(tx, { ...e, area: null }, 'rate');
        return { retryAfter: wait };
      }
    }
    return { id: await insert(tx, e, null) };
  });
}

/** The export was refused after its claim: more rows match than the role may export. */
export async function markTooManyRows(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE export_log SET refused = 'rows' WHERE id = $1`, [id]);
}

/** The rows an export sent (when it ends, also when the client went away). */
export async function logRowsSent(db: Queryable, id: string, count: number): Promise<void> {
  await db.query('UPDATE export_log SET features = $2 WHERE id = $1', [id, count]);
}
