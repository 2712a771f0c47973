// Key-city indicators (重点城市指标对比): everyone may read them (they are published figures);
// administrators correct a figure (with the version they saw and a reason) or add one. Bulk loads go
// through the import pipeline (kind cityIndicators).
import type { FastifyInstance } from 'fastify';
import { cityFigureKey, validateCityFigure, type CityFigureInput } from '../../domain/monitoring/city-indicators.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { intParam } from '../http/params.ts';
import { cityFigureById, type CityFigureEdit, cityFigureHistory, findCityFigureId, insertCityFigure, listCityFigureRows, updateCityFigure } from '../monitoring/city-indicators.ts';

const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;

const EDIT_PROPERTIES = {
  value: { type: ['number', 'null'], description: 'in the indicator\'s unit (亿元, %, count, km²); null = no published figure' },
  denominator: nullableText(100),
  coverage: { ...nullableText(10), description: "months covered from January, '1-11'; null = the whole year" },
  qualifier: { ...nullableText(20), description: 'over | about | expectedOver' },
  sourceTitle: nullableText(500),
  sourceUrl: nullableText(2000),
  note: nullableText(2000),
} as const;

const patchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'reason'],
  properties: {
    ...EDIT_PROPERTIES,
    version: { type: 'integer', minimum: 1 },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

const postSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['city', 'indicator', 'year', 'value', 'reason'],
  properties: {
    city: { type: 'string', minLength: 1, maxLength: 50 },
    indicator: { type: 'string', minLength: 1, maxLength: 100 },
    year: { type: 'integer' },
    unit: nullableText(20),
    ...EDIT_PROPERTIES,
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

/** A 400 naming every problem of a figure. */
function assertValid(f: CityFigureInput): void {
  const problems = validateCityFigure(f);
  if (problems.length)
    throw new HttpError(400, `The figure ${cityFigureKey(f)} is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join(' ')}`,
      Object.fromEntries(problems.map((p) => [p.field, p.message])), undefined,
      withFields(problem('city_figure_invalid', { city: f.city, indicator: f.indicator, year: f.year, fields: problems.map((p) => p.field) }),
        Object.fromEntries(problems.map((p) => [p.field, problem('field_invalid')]))));
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function cityIndicatorRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { years?: string; cities?: string; indicators?: string } }>('/api/city-indicators', {
    schema: {
      tags: ['city-indicators'],
      summary: 'Published figures of the key cities, each with its source (comma lists narrow: years, cities, indicators)',
      querystring: { type: 'object', additionalProperties: false, properties: { years: { type: 'string' }, cities: { type: 'string' }, indicators: { type: 'string' } } },
    },
  }, async (req) => {
    const years = list(req.query.years).map((y) => intParam('years', y, 2000, 2100, 0));
    return { items: await listCityFigureRows(db, { years, cities: list(req.query.cities), indicators: list(req.query.indicators) }) };
  });

  app.get<{ Params: { id: string } }>('/api/city-indicators/:id/history', { schema: { tags: ['city-indicators'], summary: 'Every version of a figure: who, when, why, before and after' } }, async (req) => {
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    if (!(await cityFigureById(db, id))) throw new HttpError(404, `There is no key-city figure with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'cityFigure', id }));
    return { items: await cityFigureHistory(db, id) };
  });

  app.patch<{ Params: { id: string }; Body: Partial<CityFigureEdit> & { version: number; reason: string } }>('/api/city-indicators/:id', {
    schema: { tags: ['city-indicators'], summary: 'Correct a figure (administrators): the fields given replace the stored ones; a stale version is refused with 412', body: patchSchema },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const { version, reason, ...edit } = req.body;
    if (!reason.trim()) throw new HttpError(400, 'Give a reason for the change.', { reason: 'is required' }, undefined, withFields(problem('reason_required'), { reason: problem('field_blank') }));
    return db.transaction(async (tx) => {
      const current = await cityFigureById(tx, id);
      if (!current) throw new HttpError(404, `There is no key-city figure with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'cityFigure', id }));
      if (current.version !== version)
        throw new HttpError(412, `The figure ${cityFigureKey(current)} was changed meanwhile (now version ${current.version}); reload it and try again.`, undefined, { current }, problem('version_conflict', { thing: 'cityFigure', current: current.version, yours: version }));
      assertValid({ ...current, ...edit });
      const row = await updateCityFigure(tx, id, version, edit, reason.trim(), user);
      if (!row) {
        const now = await cityFigureById(tx, id);
        throw new HttpError(412, `The figure ${cityFigureKey(current)} was changed meanwhile; reload it and try again.`, undefined, { current: now }, problem('version_conflict', { thing: 'cityFigure', current: now?.version ?? version + 1, yours: version }));
      }
      return row;
    });
  });

  app.post<{ Body: CityFigureInput & { reason: string } }>('/api/city-indicators', {
    schema: { tags: ['city-indicators'], summary: 'Add a figure (administrators); one per city, indicator and year (409 when it exists)', body: postSchema },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const { reason, ...figure } = req.body;
    if (!reason.trim()) throw new HttpError(400, 'Give a reason for the change.', { reason: 'is required' }, undefined, withFields(problem('reason_required'), { reason: problem('field_blank') }));
    assertValid(figure);
    const duplicate = (id?: number) => new HttpError(409, `There is a figure for ${cityFigureKey(figure)} already${id ? ` (id ${id})` : ''}; change it instead.`, undefined, { id },
      problem('city_figure_exists', { city: figure.city, indicator: figure.indicator, year: figure.year }));
    const row = await db.transaction(async (tx) => {
      const dup = await findCityFigureId(tx, figure);
      if (dup !== undefined) throw duplicate(dup);
      return insertCityFigure(tx, figure, reason.trim(), user);
    }).catch((err: unknown) => {
      // Two administrators adding the same figure at once: the unique key decides.
      if ((err as { code?: string }).code === '23505') throw duplicate();
      throw err;
    });
    return reply.status(201).send(row);
  });
}
