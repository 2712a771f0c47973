// GET /api/indicators (filters in the query) and POST /api/indicators (filters and an area in the
// body): the one indicator engine over HTTP. Viewers and the public get small cells suppressed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultiPolygon, Polygon } from 'geojson';
import { EMPTY_FILTER, type EnterpriseFilter } from '../../domain/enterprise-filter.ts';
import { COMPARISONS, GROUPINGS, METRICS, type Comparison, type Grouping, type IndicatorQuery, type Metric } from '../../domain/monitoring/indicators.ts';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { areaSchema, checkArea, filterFromQuery, filtersSchema, MAX_AREA_BODY } from '../http/filter-schema.ts';
import { listParam } from '../http/params.ts';
import { cachedAnswer } from '../monitoring/answer-cache.ts';
import { computeIndicators, computeSeries } from '../monitoring/indicator-engine.ts';

const common = {
  metric: { type: 'string', enum: METRICS },
  period: { type: 'string', pattern: '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', description: 'YYYY, YYYY-Qn or YYYY-MM' },
  by: { type: 'string', enum: GROUPINGS },
  lang: { type: 'string', enum: LANGS },
} as const;

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'period'],
  properties: {
    ...common,
    cumulative: { type: 'boolean' },
    compare: { type: 'array', maxItems: 3, items: { type: 'string', enum: COMPARISONS } },
    filters: filtersSchema,
    area: areaSchema,
  },
} as const;

const { period: _period, ...seriesProperties } = bodySchema.properties;

interface IndicatorBody {
  metric: Metric;
  period: string;
  cumulative?: boolean;
  by?: Grouping;
  lang?: Lang;
  compare?: Comparison[];
  filters?: Partial<EnterpriseFilter>;
  area?: Polygon | MultiPolygon;
}

const MAX_PERIODS = 72;
const PERIOD_RE = /^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

function options(req: FastifyRequest, q: IndicatorQuery, lang: Lang | undefined) {
  const confidential = mayReadConfidential(req);
  if (q.filter.revenueTiers.length && !confidential) throw new HttpError(403, 'Filtering by revenue tier needs a role that may see revenue.', undefined, undefined, problem('revenue_tier_forbidden'));
  return { confidential, lang: lang ?? 'zh-Hans' };
}

function run(db: Database, req: FastifyRequest, q: IndicatorQuery, lang: Lang | undefined) {
  const opts = options(req, q, lang);
  return cachedAnswer(db, ['indicators', q, opts], () => computeIndicators(db, q, opts));
}

/** A trend: the same question for up to 72 periods, one answer each. */
async function runSeries(db: Database, req: FastifyRequest, q: IndicatorQuery, periods: string[], lang: Lang | undefined) {
  if (!periods.length || periods.length > MAX_PERIODS)
    throw new HttpError(400, `Ask for 1 to ${MAX_PERIODS} periods.`, { periods: `1 to ${MAX_PERIODS} periods` }, undefined, withFields(problem('periods_count', { max: MAX_PERIODS }), { periods: problem('field_too_many_items', { max: MAX_PERIODS }) }));
  const bad = periods.find((x) => !PERIOD_RE.test(x));
  if (bad !== undefined)
    throw new HttpError(400, `The period "${bad}" is not a year (2021), a quarter (2021-Q3) or a month (2021-07).`, { periods: 'each must be YYYY, YYYY-Qn or YYYY-MM' }, undefined,
      withFields(problem('indicator_period_invalid', { period: bad }), { periods: problem('field_period') }));
  const opts = options(req, q, lang);
  const answers = await cachedAnswer(db, ['series', q, periods, opts], () => computeSeries(db, q, periods, opts));
  return { metric: q.metric, by: q.by, cumulative: q.cumulative, unit: answers[0].unit, series: answers };
}

export function indicatorRoutes(app: FastifyInstance, db: Database): void {
  const querystring = {
    type: 'object',
    additionalProperties: false,
    required: ['metric'],
    properties: {
      ...common,
      cumulative: { type: 'string', enum: ['true', 'false'] },
      compare: { type: 'string', description: 'comma-separated: previous, lastYear, target' },
      periods: { type: 'string', maxLength: 1000, description: 'series only: comma-separated periods' },
      cluster: { type: 'string' }, subIndustry: { type: 'string' }, futureIndustry: { type: 'string' }, tag: { type: 'string' },
      tier: { type: 'string' }, district: { type: 'string' }, town: { type: 'string', pattern: '^[0-9]{9}(,[0-9]{9})*$' },
    },
  } as const;

  const fromQuery = (q: Record<string, string>, period: string): IndicatorQuery => {
    const filter = filterFromQuery(q);
    const compare = (listParam('compare', q.compare, COMPARISONS) ?? []) as Comparison[];
    return { metric: q.metric as Metric, period, cumulative: q.cumulative === 'true', by: (q.by ?? 'none') as Grouping, filter, compare };
  };

  app.get<{ Querystring: Record<string, string> }>('/api/indicators', {
    schema: {
      tags: ['indicators'],
      summary: 'Indicators for a period, grouped and filtered like the map (comma-separated lists)',
      querystring: { ...querystring, required: ['metric', 'period'] },
    },
  }, async (req) => run(db, req, fromQuery(req.query, req.query.period), req.query.lang as Lang | undefined));

  app.get<{ Querystring: Record<string, string> }>('/api/indicators/series', {
    schema: { tags: ['indicators'], summary: 'A trend: the same indicator for each of `periods` (at most 72)', querystring: { ...querystring, required: ['metric', 'periods'] } },
  }, async (req) => runSeries(db, req, fromQuery(req.query, ''), req.query.periods.split(','), req.query.lang as Lang | undefined));

  app.post<{ Body: IndicatorBody }>('/api/indicators', {
    bodyLimit: MAX_AREA_BODY,
    schema: { tags: ['indicators'], summary: 'Indicators for a period with filters and an area (GeoJSON Polygon or MultiPolygon, WGS84)', body: bodySchema },
  }, async (req) => {
    const b = req.body;
    if (b.area) await checkArea(db, b.area);
    const filter = { ...EMPTY_FILTER, ...b.filters };
    return run(db, req, { metric: b.metric, period: b.period, cumulative: b.cumulative ?? false, by: b.by ?? 'none', filter, area: b.area, compare: b.compare ?? [] }, b.lang);
  });

  app.post<{ Body: Omit<IndicatorBody, 'period'> & { periods: string[] } }>('/api/indicators/series', {
    bodyLimit: MAX_AREA_BODY,
    schema: {
      tags: ['indicators'],
      summary: 'A trend with filters and an area: the same indicator for each of `periods` (at most 72)',
      body: { ...bodySchema, required: ['metric', 'periods'], properties: { ...seriesProperties, periods: { type: 'array', minItems: 1, maxItems: MAX_PERIODS, items: common.period } } },
    },
  }, async (req) => {
    const b = req.body;
    if (b.area) await checkArea(db, b.area);
    const filter = { ...EMPTY_FILTER, ...b.filters };
    return runSeries(db, req, { metric: b.metric, period: '', cumulative: b.cumulative ?? false, by: b.by ?? 'none', filter, area: b.area, compare: b.compare ?? [] }, b.periods, b.lang);
  });
}

