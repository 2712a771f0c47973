// Value-innovation parks with their six elements; administrators edit them with version and history.
import type { FastifyInstance } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { effectiveDateFieldProblem, effectiveDateProblem, invalidBody, parseIfMatch } from '../http/params.ts';
import { problem } from '../../domain/problems.ts';

interface Element {
  code: string;
  present: boolean;
  note: string;
}
interface ValueParkRow {
  id: number;
  code: string;
  name: string;
  name_zh_hant: string;
  name_en: string;
  district: string;
  theme: string;
  area_km2: number;
  elements: Element[];
  version: number;
  updated_at: string;
  demo: boolean;
  enterprise_count: number;
  geometry: string;
}

const SELECT = `SELECT v.id, v.code, v.name, v.name_zh_hant, v.name_en, v.district, v.theme, v.area_km2, v.elements, v.version, v.demo,
  to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
  (SELECT count(*)::int FROM enterprises e WHERE e.value_park_id = v.id) AS enterprise_count, ST_AsGeoJSON(v.geom, 7) AS geometry
  FROM value_parks v`;

const feature = (r: ValueParkRow) => ({
  type: 'Feature' as const,
  id: r.id,
  properties: {
    code: r.code, name: r.name, nameZhHant: r.name_zh_hant, nameEn: r.name_en, district: r.district, theme: r.theme,
    areaKm2: r.area_km2, elements: r.elements, enterpriseCount: r.enterprise_count, version: r.version, updatedAt: r.updated_at, demo: r.demo,
  },
  geometry: JSON.parse(r.geometry),
});

// A non-numeric id is a 400, not a database error.
const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,9}$' } }, required: ['id'] } as const;

const ELEMENT_CODES = taxonomy.valueParkElements.map((e) => e.code);
const patchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['elements', 'reason', 'effectiveDate'],
  properties: {
    elements: {
      type: 'array', minItems: 1, maxItems: 6,
      items: {
        type: 'object', additionalProperties: false, required: ['code'],
        properties: { code: { type: 'string', enum: ELEMENT_CODES }, present: { type: 'boolean' }, note: { type: 'string', maxLength: 500 } },
      },
    },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    effectiveDate: { type: 'string', format: 'date' },
  },
} as const;

export function valueParkRoutes(app: FastifyInstance, db: Database): void {
  const one = async (id: number) => (await db.query<ValueParkRow>(`${SELECT} WHERE v.id = $1`, [id]))[0];

  app.get('/api/value-parks', { schema: { tags: ['value-parks'], summary: 'The ten value-innovation parks with their six elements' } }, async () => {
    const rows = await db.query<ValueParkRow>(`${SELECT} ORDER BY v.id`);
    return { type: 'FeatureCollection', demo: rows.some((r) => r.demo), features: rows.map(feature) };
  });

  app.get<{ Params: { id: string } }>('/api/value-parks/:id', { schema: { tags: ['value-parks'], params: idParams } }, async (req, reply) => {
    const row = await one(Number(req.params.id));
    if (!row) throw new HttpError(404, `There is no value-innovation park with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'valuePark', id: req.params.id }));
    reply.header('ETag', `"${row.version}"`);
    return feature(row);
  });

  app.patch<{ Params: { id: string }; Body: { elements: Partial<Element>[]; reason: string; effectiveDate: string } }>('/api/value-parks/:id', {
    schema: { tags: ['value-parks'], summary: 'Update the six elements (administrators; needs If-Match)', params: idParams, body: patchSchema },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const id = Number(req.params.id);
    const { elements, reason, effectiveDate } = req.body;
    const dateProblem = effectiveDateProblem(effectiveDate);
    if (dateProblem) throw invalidBody('effectiveDate', dateProblem, effectiveDateFieldProblem(effectiveDate)!);
    if (!reason.trim()) throw invalidBody('reason', 'must not be blank', problem('field_blank'));
    if (new Set(elements.map((e) => e.code)).size !== elements.length) throw invalidBody('elements', 'lists an element twice', problem('field_duplicate_items'));
    await db.transaction(async (tx) => {
      const [cur] = await tx.query<{ version: number; elements: Element[] }>('SELECT version, elements FROM value_parks WHERE id = $1 FOR UPDATE', [id]);
      if (!cur) throw new HttpError(404, `There is no value-innovation park with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'valuePark', id: req.params.id }));
      const expected = parseIfMatch(req.headers['if-match']);
      if (expected === null) throw new HttpError(428, 'Send the If-Match header with the version (ETag) you are changing.', undefined, undefined, problem('if_match_required'));
      if (expected !== cur.version)
        throw new HttpError(412, `Someone else changed this park (now version ${cur.version}).`, undefined, { currentVersion: cur.version }, problem('version_conflict', { thing: 'valuePark', current: cur.version, yours: expected }));
      const next = cur.elements.map((el) => ({ ...el, ...elements.find((e) => e.code === el.code) }));
      await tx.query('UPDATE value_parks SET elements = $2::jsonb, version = version + 1, updated_at = now() WHERE id = $1', [id, JSON.stringify(next)]);
      await tx.query(
        `INSERT INTO value_park_history (park_id, version, user_id, username, effective_date, reason, before, after) VALUES ($1, $2, $3, $4, $5::date, $6, $7::jsonb, $8::jsonb)`,
        [id, cur.version + 1, user.id, user.username, effectiveDate, reason.trim(), JSON.stringify(cur.elements), JSON.stringify(next)],
      );
    }).catch(async (err) => {
      // Like village parks: a stale version gets the park as it is now.
      if (err instanceof HttpError && err.status === 412) throw new HttpError(412, err.message, undefined, { ...err.extra, current: feature(await one(id)) }, err.problem);
      throw err;
    });
    const row = await one(id);
    reply.header('ETag', `"${row.version}"`);
    return feature(row);
  });

  app.get<{ Params: { id: string } }>('/api/value-parks/:id/history', { schema: { tags: ['value-parks'], params: idParams } }, async (req) => {
    requireUser(req, ['admin', 'official', 'planner']);
    if (!(await db.query('SELECT 1 FROM value_parks WHERE id = $1', [Number(req.params.id)])).length)
      throw new HttpError(404, `There is no value-innovation park with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'valuePark', id: req.params.id }));
    const items = await db.query(
      `SELECT version, username AS "changedBy", to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "changedAt",
         to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", reason, before, after
       FROM value_park_history WHERE park_id = $1 ORDER BY version DESC`,
      [Number(req.params.id)],
    );
    return { parkId: Number(req.params.id), items };
  });
}
