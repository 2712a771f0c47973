// Enterprise library: filtered pages and details. Viewers and the public never receive revenue.
// HTTP only: the SQL is in enterprises/enterprise-queries.ts.
import { endOfChinaDay } from '../monitoring/indicator-engine.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { CONFIDENTIAL_READERS, HISTORY_READERS } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { bboxParam, dateParam, intListParam, intParam, listParam, optionalIntParam } from '../http/params.ts';
import { enterpriseExists, enterpriseFigures, enterpriseHistory, findEnterprise, findEnterprises, type EnterpriseListFilter } from '../enterprises/enterprise-queries.ts';
import { LAYERS } from '../exports/export-layers.ts';
import { callerPolicy, DEFAULT_EXPORT_POLICY, type ExportPolicy } from '../exports/export-policy.ts';

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
    const filter: EnterpriseListFilter = {
      districts: listParam('district', q.district, taxonomy.districts.map((d) => d.code)),
      clusters: listParam('cluster', q.cluster, taxonomy.clusters.map((c) => c.code)),
      tags: listParam('tag', q.tag, taxonomy.enterpriseTags.map((t) => t.code)),
      bbox: bboxParam(q.bbox),
      villagePark: optionalIntParam('villagePark', q.villagePark, 1, 1e9),
      valuePark: optionalIntParam('valuePark', q.valuePark, 1, 1e9),
      ids: intListParam('ids', q.ids, 1, 1e9),
      text: q.q || undefined,
    };
    if (filter.ids && filter.ids.length > 200) throw new HttpError(400, 'ids: at most 200 ids per request.', { ids: 'at most 200' }, undefined, withFields(problem('ids_too_many', { max: 200 }), { ids: problem('field_too_many_items', { max: 200 }) }));
    const limit = intParam('limit', q.limit, 1, 1000, 100);
    const offset = intParam('offset', q.offset, 0, 10_000_000, 0);
    const { total, items } = await findEnterprises(db, filter, { limit, offset });
    return { total, limit, offset, items: items.map((r) => present(req, r)) };
  });

  app.get<{ Params: { id: string } }>('/api/enterprises/:id', { schema: { tags: ['enterprises'] } }, async (req) => {
    const row = await findEnterprise(db, intParam('id', req.params.id, 1, 1e9, 0));
    if (!row) throw new HttpError(404, `There is no enterprise with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'enterprise', id: req.params.id }));
    return mayReadConfidential(req) ? row : withoutConfidential(row);
  });

  app.get<{ Params: { id: string } }>('/api/enterprises/:id/history', {
    schema: { tags: ['enterprises'], summary: 'What imports changed in this enterprise, newest first (planners, officials, administrators)' },
  }, async (req) => {
    requireUser(req, HISTORY_READERS);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    return { items: await enterpriseHistory(db, id) };
  });
}

export function enterpriseFigureRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>('/api/enterprises/:id/figures', {
    schema: {
      tags: ['enterprises'],
      summary: "An enterprise's monthly operating figures with their vintage (planners, officials, administrators); asOf=YYYY-MM-DD gives them as reported on that day",
      querystring: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string' } } },
    },
  }, async (req) => {
    requireUser(req, CONFIDENTIAL_READERS);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const asOf = dateParam('asOf', req.query.asOf);
    if (!(await enterpriseExists(db, id))) throw new HttpError(404, `There is no enterprise with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'enterprise', id }));
    const { items, revisions } = await enterpriseFigures(db, id, asOf ? endOfChinaDay(asOf) : undefined);
    return { id, asOf: asOf ?? null, unit: 'yuan', revisions, items };
  });
}
