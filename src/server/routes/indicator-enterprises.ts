// GET /api/indicators/enterprises (filters in the query) and POST /api/indicators/enterprises
// (filters and an area in the body): the dashboard drill-down's enterprise list, one row per firm,
// sortable and paged. Per-enterprise figures are confidential: planners, officials and
// administrators only (no suppression applies to them, see monitoring/enterprise-ranking.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultiPolygon, Polygon } from 'geojson';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import type { Metric } from '../../domain/monitoring/indicators.ts';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem } from '../../domain/problems.ts';
import { areaSchema, checkArea, filterFromQuery, filtersSchema, MAX_AREA_BODY } from '../http/filter-schema.ts';
import { intParam, optionalIntParam } from '../http/params.ts';
import { cachedAnswer } from '../monitoring/answer-cache.ts';
import { enterpriseRanking, MAX_RANKING_LIMIT, RANKING_SORTS, type EnterpriseRankingQuery, type RankingSort } from '../monitoring/enterprise-ranking.ts';

const PERIOD_PATTERN = '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';
const DEFAULT_LIMIT = 20;

// `metric` is any string here: the ranking answers a share or a count with a 400 that says why.
const common = {
  metric: { type: 'string', maxLength: 40 },
  period: { type: 'string', pattern: PERIOD_PATTERN, description: 'YYYY, YYYY-Qn or YYYY-MM' },
  lang: { type: 'string', enum: LANGS },
  sort: { type: 'string', enum: RANKING_SORTS },
  order: { type: 'string', enum: ['asc', 'desc'] },
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'period'],
  properties: {
    ...common,
    cumulative: { type: 'string', enum: ['true', 'false'] },
    offset: { type: 'string', pattern: '^[0-9]{1,9}$' },
    limit: { type: 'string', pattern: '^[0-9]{1,9}$', description: `1 to ${MAX_RANKING_LIMIT}` },
    villagePark: { type: 'string', pattern: '^[0-9]{1,9}$' },
    valuePark: { type: 'string', pattern: '^[0-9]{1,9}$' },
    cluster: { type: 'string' }, subIndustry: { type: 'string' }, futureIndustry: { type: 'string' }, tag: { type: 'string' },
    tier: { type: 'string' }, district: { type: 'string' }, town: { type: 'string', pattern: '^[0-9]{9}(,[0-9]{9})*$' },
  },
} as const;

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'period'],
  properties: {
    ...common,
    cumulative: { type: 'boolean' },
    offset: { type: 'integer', minimum: 0, maximum: 1e9 },
    limit: { type: 'integer', description: `1 to ${MAX_RANKING_LIMIT}` },
    villagePark: { type: 'integer', minimum: 1 },
    valuePark: { type: 'integer', minimum: 1 },
    filters: filtersSchema,
    area: areaSchema,
  },
} as const;

interface RankingBody {
  metric: string;
  period: string;
  cumulative?: boolean;
  lang?: Lang;
  sort?: RankingSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  villagePark?: number;
  valuePark?: number;
  filters?: Partial<EnterpriseFilter>;
  area?: Polygon | MultiPolygon;
}

/** Only roles that may read confidential figures; the others are told why. */
function checkRole(req: FastifyRequest): void {
  if (mayReadConfidential(req)) return;
  throw new HttpError(403, req.session?.user
    ? 'The figures of single enterprises are confidential: they are shown to planners, officials and administrators only.'
    : 'The figures of single enterprises are confidential: log in as a planner, official or administrator.', undefined, undefined, problem('confidential_enterprises', { loggedIn: Boolean(req.session?.user) }));
}

const defaultOrder = (sort: RankingSort) => (sort === 'name' ? 'asc' : 'desc');

export function indicatorEnterpriseRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: Record<string, string> }>('/api/indicators/enterprises', {
    schema: {
      tags: ['indicators'],
      summary: "The enterprises behind an indicator, one row each (value, same period last year, change), sorted and paged; filters as comma lists (planners, officials, administrators)",
      querystring,
    },
  }, async (req) => {
    checkRole(req);
    const q = req.query;
    const sort = (q.sort ?? 'value') as RankingSort;
    return ranking(db, {
      metric: q.metric as Metric,
      period: q.period,
      cumulative: q.cumulative === 'true',
      filter: filterFromQuery(q),
      villagePark: optionalIntParam('villagePark', q.villagePark, 1, 1e9),
      valuePark: optionalIntParam('valuePark', q.valuePark, 1, 1e9),
      sort,
      order: (q.order as 'asc' | 'desc' | undefined) ?? defaultOrder(sort),
      offset: intParam('offset', q.offset, 0, 1e9, 0),
      limit: intParam('limit', q.limit, 1, MAX_RANKING_LIMIT, DEFAULT_LIMIT),
      lang: (q.lang as Lang | undefined) ?? 'zh-Hans',
    });
  });

  app.post<{ Body: RankingBody }>('/api/indicators/enterprises', {
    bodyLimit: MAX_AREA_BODY,
    schema: {
      tags: ['indicators'],
      summary: 'The enterprises behind an indicator with filters and an area (GeoJSON Polygon or MultiPolygon, WGS84), sorted and paged (planners, officials, administrators)',
      body: bodySchema,
    },
  }, async (req) => {
    checkRole(req);
    const b = req.body;
    if (b.area) await checkArea(db, b.area);
    const sort = b.sort ?? 'value';
    const query: EnterpriseRankingQuery = {
      metric: b.metric as Metric,
      period: b.period,
      cumulative: b.cumulative ?? false,
      filter: { ...EMPTY_FILTER, ...b.filters },
      area: b.area,
      villagePark: b.villagePark,
      valuePark: b.valuePark,
      sort,
      order: b.order ?? defaultOrder(sort),
      offset: b.offset ?? 0,
      limit: b.limit ?? DEFAULT_LIMIT,
      lang: b.lang ?? 'zh-Hans',
    };
    return ranking(db, query);
  });
}

/** Every role that may ask gets the same rows (checkRole), so the question alone keys the cached answer. */
const ranking = (db: Database, query: EnterpriseRankingQuery) => cachedAnswer(db, ['enterprises', query], () => enterpriseRanking(db, query));
