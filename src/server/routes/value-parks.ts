// Value-innovation parks with their six elements; administrators edit them with version and history.
// HTTP only: the SQL and the row mapper are in parks/value-park-queries.ts.
import type { FastifyInstance } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { HISTORY_READERS } from '../../domain/permissions.ts';
import { withCurrentOn412 } from '../http/optimistic-lock.ts';
import { effectiveDateFieldProblem, effectiveDateProblem, idParams, invalidBody, parseIfMatch } from '../http/params.ts';
import { problem } from '../../domain/problems.ts';
import { editValueParkElements, findValuePark, listValueParks, valueParkHistory, valueParkNotFound, type ValueParkElement } from '../parks/value-park-queries.ts';

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
  app.get('/api/value-parks', { schema: { tags: ['value-parks'], summary: 'The ten value-innovation parks with their six elements' } }, async () => {
    const features = await listValueParks(db);
    return { type: 'FeatureCollection', demo: features.some((f) => f.properties.demo), features };
  });

  app.get<{ Params: { id: string } }>('/api/value-parks/:id', { schema: { tags: ['value-parks'], params: idParams } }, async (req, reply) => {
    const id = Number(req.params.id);
    const park = await findValuePark(db, id);
    if (!park) throw valueParkNotFound(id);
    reply.header('ETag', `"${park.properties.version}"`);
    return park;
  });

  app.patch<{ Params: { id: string }; Body: { elements: Partial<ValueParkElement>[]; reason: string; effectiveDate: string } }>('/api/value-parks/:id', {
    schema: { tags: ['value-parks'], summary: 'Update the six elements (administrators; needs If-Match)', params: idParams, body: patchSchema },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const id = Number(req.params.id);
    const { elements, reason, effectiveDate } = req.body;
    const dateProblem = effectiveDateProblem(effectiveDate);
    if (dateProblem) throw invalidBody('effectiveDate', dateProblem, effectiveDateFieldProblem(effectiveDate)!);
    if (!reason.trim()) throw invalidBody('reason', 'must not be blank', problem('field_blank'));
    if (new Set(elements.map((e) => e.code)).size !== elements.length) throw invalidBody('elements', 'lists an element twice', problem('field_duplicate_items'));
    const expectedVersion = parseIfMatch(req.headers['if-match']);
    // Like village parks: a stale version gets the park as it is now.
    await db.transaction((tx) => editValueParkElements(tx, user, { parkId: id, expectedVersion, elements, reason: reason.trim(), effectiveDate }))
      .catch(withCurrentOn412(async () => {
        const current = (await findValuePark(db, id))!;
        return { currentVersion: current.properties.version, current };
      }));
    const park = (await findValuePark(db, id))!;
    reply.header('ETag', `"${park.properties.version}"`);
    return park;
  });

  app.get<{ Params: { id: string } }>('/api/value-parks/:id/history', { schema: { tags: ['value-parks'], params: idParams } }, async (req) => {
    requireUser(req, HISTORY_READERS);
    const id = Number(req.params.id);
    return { parkId: id, items: await valueParkHistory(db, id) };
  });
}
