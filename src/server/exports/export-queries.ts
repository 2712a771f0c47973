// The SQL of an export (routes/exports.ts): the dataset's vintage for the file's header, the row
// count against the role's limit, and the rows in keyset pages of PAGE (flat memory), or, for the
// codes GeoJSON, each page of features written as text by the database. On PostgreSQL each page has a
// statement timeout; paging stops as soon as `gone()` says the client went away.
import type { Database } from '../db/database.ts';
import type { LayerSpec } from './export-layers.ts';

const PAGE = 2000;
/** PostgreSQL: the longest one page of an export may take (a runaway statement must not hold a connection). */
export const EXPORT_STATEMENT_TIMEOUT_MS = 30_000;

/** The data's date and demo flag, for the file's header (dataset_meta `demo`). */
export async function datasetMeta(db: Database): Promise<{ dataDate?: string; demo?: boolean } | undefined> {
  const [meta] = await db.query<{ value: { dataDate?: string; demo?: boolean } }>(`SELECT value FROM dataset_meta WHERE key = 'demo'`);
  return meta?.value;
}

export interface ExportSelection {
  spec: LayerSpec;
  /** SQL conditions over the layer's table, with their parameters (`spec.where`). */
  where: string[];
  params: unknown[];
  /** The fields to write: [output name, SQL expression]. */
  fields: [string, string, ...unknown[]][];
  /** The export_log row whose `area` the rows must lie in (the area is parsed once, into the log). */
  areaLogId?: string | number;
}

/** Reads an export's selection: `count`, then `rows` or `geojsonPages`; each ends by calling `done(rows sent)`. */
export function exportQuery(db: Database, sel: ExportSelection) {
  const params = [...sel.params];
  const where = [...sel.where];
  if (sel.areaLogId !== undefined) {
    const a = `(SELECT area FROM export_log WHERE id = $${params.push(sel.areaLogId)})`;
    where.push(sel.spec.areaTest === 'covers' ? `ST_Covers(${a}, geom)` : `ST_Intersects(${a}, geom)`);
  }
  const table = sel.spec.table;
  const columns = sel.fields.map(([name, expr]) => `${expr} AS "${name}"`).join(', ');
  const page = <T>(sql: string, values: unknown[]) =>
    db.kind === 'postgres'
      ? db.transaction(async (tx) => {
        await tx.query(`SET LOCAL statement_timeout = ${EXPORT_STATEMENT_TIMEOUT_MS}`);
        return tx.query<T>(sql, values);
      })
      : db.query<T>(sql, values);
  // Keyset pages: the last id seen is the one extra parameter.
  const pageWhere = `${[...where, `id > $${params.length + 1}`].join(' AND ')}`;

  return {
    /** How many rows match, counting no further than `limit` + 1. */
    async countUpTo(limit: number): Promise<number> {
      const [{ n }] = await page<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE ${where.length ? where.join(' AND ') : 'true'} LIMIT ${limit + 1}) s`, params);
      return n;
    },

    /** The rows by id; `__page` is the id (the caller may leave `id` out), `__geom` the GeoJSON geometry when asked. */
    async *rows(withGeometry: boolean, gone: () => boolean, done: (count: number) => Promise<unknown>) {
      const geometry = withGeometry ? `, ST_AsGeoJSON(geom, 7) AS "__geom"` : '';
      const pageSql = `SELECT id AS "__page"${geometry}, ${columns} FROM ${table} WHERE ${pageWhere} ORDER BY id LIMIT ${PAGE}`;
      let last = 0;
      let count = 0;
      try {
        while (!gone()) {
          const batch = await page<Record<string, unknown>>(pageSql, [...params, last]);
          for (const r of batch) {
            yield r;
            count++;
          }
          if (batch.length < PAGE) break;
          last = batch[batch.length - 1].__page as number;
        }
      } finally {
        await done(count);
      }
    },

    /**
     * The features as GeoJSON text, one page per item, joined by ",\n" (the first without). Written by
     * the database: turning rows into JavaScript objects is what costs most on the embedded database.
     */
    async *geojsonPages(gone: () => boolean, done: (count: number) => Promise<unknown>) {
      // row_to_json writes compact JSON (json_build_object pads every colon with spaces).
      const properties = `(SELECT row_to_json(p) FROM (SELECT ${columns}) p)::text`;
      const feature = `'{"type":"Feature","id":' || id || ',"geometry":' || ST_AsGeoJSON(geom, 7) || ',"properties":' || ${properties} || '}'`;
      const pageSql = `SELECT max(id) AS last, count(*)::int AS n, string_agg(${feature}, E',\n' ORDER BY id) AS text
        FROM (SELECT * FROM ${table} WHERE ${pageWhere} ORDER BY id LIMIT ${PAGE}) page`;
      let last = 0;
      let count = 0;
      try {
        while (!gone()) {
          const [one] = await page<{ last: number | null; n: number; text: string | null }>(pageSql, [...params, last]);
          if (one.n) yield `${count ? ',\n' : ''}${one.text}`;
          count += one.n;
          if (one.n < PAGE) break;
          last = one.last!;
        }
      } finally {
        await done(count);
      }
    },
  };
}
