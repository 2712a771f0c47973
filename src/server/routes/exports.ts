// POST /api/exports: the authoritative extract, streamed from PostGIS in pages (flat memory) as
// RFC 7946 GeoJSON or Excel-safe CSV, with the caller's field rules applied and the export logged.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { MultiPolygon, Polygon } from 'geojson';
import { CSV_BOM, csvRow } from '../../domain/csv.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { areaSchema, checkArea, filtersSchema, MAX_AREA_BODY } from '../http/filter-schema.ts';
import { LAYERS, type ExportFilters, type ExportLayer } from '../exports/export-layers.ts';

const PAGE = 2000;
/** PostgreSQL: the longest one page of an export may take (a runaway statement must not hold a connection). */
export const EXPORT_STATEMENT_TIMEOUT_MS = 30_000;
const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['layer', 'format'],
  properties: {
    layer: { type: 'string', enum: ['enterprises', 'parks', 'value-parks'] },
    format: { type: 'string', enum: ['geojson', 'csv'] },
    filters: filtersSchema,
    area: areaSchema,
  },
} as const;

interface ExportBody {
  layer: ExportLayer;
  format: 'geojson' | 'csv';
  filters?: ExportFilters;
  area?: Polygon | MultiPolygon;
}

export function exportRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/exports/fields', {
    schema: { tags: ['exports'], summary: 'The fields each layer exports for the caller (viewers and the public get no revenue or tax)' },
  }, async (req) => {
    const confidential = mayReadConfidential(req);
    return Object.fromEntries(Object.entries(LAYERS).map(([layer, spec]) => [layer, spec.fields.filter(([, , secret]) => confidential || !secret).map(([name]) => name)]));
  });

  app.post<{ Body: ExportBody }>('/api/exports', {
    bodyLimit: MAX_AREA_BODY,
    schema: { tags: ['exports'], summary: 'Stream an extract of a layer (GeoJSON or CSV) for the given filters and area', body: bodySchema },
  }, async (req, reply) => {
    const { layer, format, filters = {}, area } = req.body;
    const confidential = mayReadConfidential(req);
    if (filters.revenueTiers?.length && !confidential) throw new HttpError(403, 'Filtering by revenue tier needs a role that may see revenue.');
    const spec = LAYERS[layer];
    if (area) await checkArea(db, area);
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = spec.where(filters, p);
    const fields = spec.fields.filter(([, , secret]) => confidential || !secret);
    const [meta] = await db.query<{ value: { dataDate?: string; demo?: boolean } }>(`SELECT value FROM dataset_meta WHERE key = 'demo'`);
    const header = {
      layer, format, filters, area: area ?? null, dataDate: meta?.value.dataDate ?? null, demo: meta?.value.demo ?? false,
      exportedAt: new Date().toISOString(), fields: fields.map(([name]) => name),
      notice: meta?.value.demo ? 'Demo data: synthetic enterprises and parks; see data/README.md.' : undefined,
    };
    const user = req.session?.user;

    // The export is logged when it starts (with the area, parsed here once) and its count when it ends.
    // The pages read the area from that row, so a large area is not sent and parsed again per page.
    const [{ id: logId }] = await db.query<{ id: string }>(
      'INSERT INTO export_log (user_id, username, role, layer, format, filters, area, features) VALUES ($1, $2, $3, $4, $5, $6::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($7), 4326), 0) RETURNING id::text AS id', [
        user?.id ?? null, user?.username ?? null, user?.role ?? 'public', layer, format, JSON.stringify(filters), area ? JSON.stringify(area) : null,
      ]);
    const log = (count: number) => db.query('UPDATE export_log SET features = $2 WHERE id = $1', [logId, count]);
    if (area) {
      const a = `(SELECT area FROM export_log WHERE id = ${p(logId)})`;
      where.push(spec.areaTest === 'covers' ? `ST_Covers(${a}, geom)` : `ST_Intersects(${a}, geom)`);
    }

    // A client that goes away stops the paging; on PostgreSQL each page has a statement timeout.
    let gone = false;
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) gone = true;
    });
    const page = <T>(sql: string, values: unknown[]) =>
      db.kind === 'postgres'
        ? db.transaction(async (tx) => {
          await tx.query(`SET LOCAL statement_timeout = ${EXPORT_STATEMENT_TIMEOUT_MS}`);
          return tx.query<T>(sql, values);
        })
        : db.query<T>(sql, values);

    // Keyset pages: the last id seen is the one extra parameter.
    const pageWhere = `${[...where, `id > $${params.length + 1}`].join(' AND ')}`;

    async function* rows() {
      const pageSql = `SELECT ${fields.map(([name, expr]) => `${expr} AS "${name}"`).join(', ')} FROM ${spec.table} WHERE ${pageWhere} ORDER BY id LIMIT ${PAGE}`;
      let last = 0;
      let count = 0;
      try {
        while (!gone) {
          const batch = await page<Record<string, unknown>>(pageSql, [...params, last]);
          for (const r of batch) {
            yield r;
            count++;
          }
          if (batch.length < PAGE) break;
          last = batch[batch.length - 1].id as number;
        }
      } finally {
        await log(count);
      }
    }

    // Each page of features is written as text by the database (one row per page): turning rows into
    // JavaScript objects is what costs most on the embedded database, and GeoJSON needs none of it.
    async function* geojson() {
      // row_to_json writes compact JSON (json_build_object pads every colon with spaces).
      const properties = `(SELECT row_to_json(p) FROM (SELECT ${fields.map(([name, expr]) => `${expr} AS "${name}"`).join(', ')}) p)::text`;
      const feature = `'{"type":"Feature","id":' || id || ',"geometry":' || ST_AsGeoJSON(geom, 7) || ',"properties":' || ${properties} || '}'`;
      const pageSql = `SELECT max(id) AS last, count(*)::int AS n, string_agg(${feature}, E',\n' ORDER BY id) AS text
        FROM (SELECT * FROM ${spec.table} WHERE ${pageWhere} ORDER BY id LIMIT ${PAGE}) page`;
      yield `{"type":"FeatureCollection","demo":${header.demo},"export":${JSON.stringify(header)},"features":[\n`;
      let last = 0;
      let count = 0;
      try {
        while (!gone) {
          const [one] = await page<{ last: number | null; n: number; text: string | null }>(pageSql, [...params, last]);
          if (one.n) yield `${count ? ',\n' : ''}${one.text}`;
          count += one.n;
          if (one.n < PAGE) break;
          last = one.last!;
        }
      } finally {
        await log(count);
      }
      yield '\n]}\n';
    }

    async function* csv() {
      yield CSV_BOM + csvRow(header.fields);
      for await (const r of rows()) yield csvRow(header.fields.map((f) => (f === 'elements' ? JSON.stringify(r[f]) : r[f])));
    }

    const date = todayInChina();
    reply
      .header('Content-Type', format === 'geojson' ? 'application/geo+json; charset=utf-8' : 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${layer}-${date}.${format === 'geojson' ? 'geojson' : 'csv'}"`);
    return reply.send(Readable.from(format === 'geojson' ? geojson() : csv()));
  });
}
