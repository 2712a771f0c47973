// Enterprise library: filtered pages and details. Viewers and the public never receive revenue.
import { endOfChinaDay } from '../monitoring/indicator-engine.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { bboxParam, dateParam, intParam, listParam } from '../http/params.ts';
import { LAYERS } from '../exports/export-layers.ts';
import { callerPolicy, DEFAULT_EXPORT_POLICY, type ExportPolicy } from '../exports/export-policy.ts';

const COLUMNS = `id, name, credit_code AS "creditCode", cluster, sub_industry AS "subIndustry", industry_code AS "industryCode",
  (SELECT ic.name FROM industry_classes ic WHERE ic.code = enterprises.industry_code) AS "industryName", future_industry AS "futureIndustry", tags,
  revenue::float8 AS revenue, employees, district, town, address, ST_X(geom) AS lon, ST_Y(geom) AS lat,
  village_park_id AS "villageParkId", value_park_id AS "valueParkId", demo`;

/**
 * What the caller may see of a page of enterprises: everything for the roles that read confidential
 * data; for the public and viewers, the same fields the export policy lets them export (pages of 200
 * are an extract too, so the identifying details an export withholds stay out of them as well).
 * One enterprise at a time (its panel) shows them its registry details (credit code, address, staff),
 * as the national enterprise credit register does, but never its confidential figures.
 */
function presenter(policy: ExportPolicy) {
  const withheld = (req: FastifyRequest) => {
    const allowed = new Set(callerPolicy(policy, req.session?.user.role ?? 'public', false).layers.enterprises ?? []);
    return LAYERS.enterprises.fields.filter(([name, , access]) => access !== 'public' && !allowed.has(name)).map(([name]) => name);
  };
  return (req: FastifyRequest, row: Record<string, unknown>) => {
    if (mayReadConfidential(req)) return row;
    const open = { ...row };
    for (const name of withheld(req)) delete open[name];
    return open;
  };
}

const withoutConfidential = (row: Record<string, unknown>) => {
  const open = { ...row };
  for (const [name, , access] of LAYERS.enterprises.fields) if (access === 'confidential') delete open[name];
  return open;
};

export function enterpriseRoutes(app: FastifyInstance, db: Database, policy: ExportPolicy = DEFAULT_EXPORT_POLICY): void {
  const present = presenter(policy);
  app.get<{ Querystring: Record<string, string> }>('/api/enterprises', {
    schema: {
      tags: ['enterprises'],
      summary: 'A page of enterprises matching the filters',
      querystring: {
        type: 'object',
        properties: {
          district: { type: 'string' }, cluster: { type: 'string' }, tag: { type: 'string' }, q: { type: 'string', maxLength: 100 },
          villagePark: { type: 'string' }, valuePark: { type: 'string' }, bbox: { type: 'string' },
          ids: { type: 'string', maxLength: 2400, description: 'comma-separated enterprise ids, at most 200' },
          limit: { type: 'string' }, offset: { type: 'string' },
        },
      },
    },
  }, async (req) => {
    const q = req.query;
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    const districts = listParam('district', q.district, taxonomy.districts.map((d) => d.code));
    const clusters = listParam('cluster', q.cluster, taxonomy.clusters.map((c) => c.code));
    const tags = listParam('tag', q.tag, taxonomy.enterpriseTags.map((t) => t.code));
    const bbox = bboxParam(q.bbox);
    if (districts) where.push(`district = ANY(${p(districts)}::text[])`);
    if (clusters) where.push(`cluster = ANY(${p(clusters)}::text[])`);
    if (tags) where.push(`tags && ${p(tags)}::text[]`);
    if (q.villagePark) where.push(`village_park_id = ${p(intParam('villagePark', q.villagePark, 1, 1e9, 0))}`);
    if (q.valuePark) where.push(`value_park_id = ${p(intParam('valuePark', q.valuePark, 1, 1e9, 0))}`);
    if (bbox) where.push(`geom && ST_MakeEnvelope(${bbox.map((v) => p(v)).join(', ')}, 4326)`);
    if (q.ids !== undefined) {
      const ids = q.ids.split(',').map((v) => intParam('ids', v, 1, 1e9, 0));
      if (ids.length > 200) throw new HttpError(400, 'ids: at most 200 ids per request.', { ids: 'at most 200' }, undefined, withFields(problem('ids_too_many', { max: 200 }), { ids: problem('field_too_many_items', { max: 200 }) }));
      where.push(`id = ANY(${p(ids)}::int[])`);
    }
    // The text is matched as text: LIKE's wildcards (%, _) and its escape character are escaped.
    if (q.q) where.push(`(name LIKE ${p(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR credit_code = ${p(q.q.toUpperCase())})`);
    const limit = intParam('limit', q.limit, 1, 1000, 100);
    const offset = intParam('offset', q.offset, 0, 10_000_000, 0);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM enterprises ${whereSql}`, params);
    const items = await db.query(`SELECT ${COLUMNS} FROM enterprises ${whereSql} ORDER BY id LIMIT ${limit} OFFSET ${offset}`, params);
    return { total, limit, offset, items: items.map((r) => present(req, r)) };
  });

  app.get<{ Params: { id: string } }>('/api/enterprises/:id', { schema: { tags: ['enterprises'] } }, async (req) => {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM enterprises WHERE id = $1`, [intParam('id', req.params.id, 1, 1e9, 0)]);
    if (!row) throw new HttpError(404, `There is no enterprise with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'enterprise', id: req.params.id }));
    return mayReadConfidential(req) ? row : withoutConfidential(row);
  });

  app.get<{ Params: { id: string } }>('/api/enterprises/:id/history', {
    schema: { tags: ['enterprises'], summary: 'What imports changed in this enterprise, newest first (planners, officials, administrators)' },
  }, async (req) => {
    requireUser(req, ['admin', 'planner', 'official']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const items = await db.query(`SELECT changed_at AS "changedAt", username, action, import_id AS "importId", changes FROM record_history
      WHERE kind = 'enterprises' AND record_id = $1 ORDER BY id DESC LIMIT 100`, [id]);
    return { items };
  });
}

const FIGURE_COLUMNS = `month, revenue::float8 AS revenue, output::float8 AS output, value_added::float8 AS "valueAdded",
  value_added_estimated AS "valueAddedEstimated", profit::float8 AS profit, tax::float8 AS tax, employees, source, import_id AS "importId",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt"`;

/** The end of day D in China ($2, from endOfChinaDay), to compare vintages with. */
const END_OF_CHINA_DAY = '$2::timestamptz';

export function enterpriseFigureRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>('/api/enterprises/:id/figures', {
    schema: {
      tags: ['enterprises'],
      summary: "An enterprise's monthly operating figures with their vintage (planners, officials, administrators); asOf=YYYY-MM-DD gives them as reported on that day",
      querystring: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string' } } },
    },
  }, async (req) => {
    requireUser(req, ['admin', 'planner', 'official']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const asOf = dateParam('asOf', req.query.asOf);
    if (!(await db.query('SELECT 1 FROM enterprises WHERE id = $1', [id])).length) throw new HttpError(404, `There is no enterprise with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'enterprise', id }));
    const items = asOf
      ? await db.query(`SELECT ${FIGURE_COLUMNS} FROM operating_figures WHERE enterprise_id = $1 AND recorded_at < ${END_OF_CHINA_DAY}
          UNION ALL
          SELECT ${FIGURE_COLUMNS} FROM operating_figures_history WHERE enterprise_id = $1 AND recorded_at < ${END_OF_CHINA_DAY} AND superseded_at >= ${END_OF_CHINA_DAY}
          ORDER BY month`, [id, endOfChinaDay(asOf)])
      : await db.query(`SELECT ${FIGURE_COLUMNS} FROM operating_figures WHERE enterprise_id = $1 ORDER BY month`, [id]);
    const revisions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM operating_figures_history WHERE enterprise_id = $1', [id]);
    return { id, asOf: asOf ?? null, unit: 'yuan', revisions: revisions[0].n, items };
  });
}
