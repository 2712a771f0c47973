// Village parks: list (GeoJSON), detail with ETag, status edit with If-Match, history. HTTP only:
// the SQL and the row mapper are in parks/park-queries.ts, the edit in parks/park-update.ts.
import type { FastifyInstance } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database, Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { HISTORY_READERS, PARK_EDITORS } from '../../domain/permissions.ts';
import { withCurrentOn412 } from '../http/optimistic-lock.ts';
import { bboxParam, dateParam, idParams, listParam, parseIfMatch, pilotParam } from '../http/params.ts';
import { problem } from '../../domain/problems.ts';
import { findPark, findParks, parkExists, parkFeature, parkHistory, parkStatuses } from '../parks/park-queries.ts';
import { applyStatusEdit } from '../parks/park-update.ts';
import { EditBatcher } from '../parks/edit-batcher.ts';
import { statusChangeSchema, statusEditBody, type StatusChangeBody } from './schemas.ts';
import { renovationSummary } from '../parks/renovation-summary.ts';

const codes = <T extends { code: string }>(list: readonly T[]) => list.map((x) => x.code);

export function parkRoutes(app: FastifyInstance, db: Database): void {
  // On the embedded database, queued edits share a transaction (group commit, see edit-batcher.ts).
  const batcher = db.kind === 'pglite' ? new EditBatcher(db) : null;
  // The park id keeps two edits of one park out of one batch (edit-batcher.ts).
  const inTransaction = <T>(work: (tx: Queryable) => Promise<T>, parkId: number) => (batcher ? batcher.submit(work, parkId) : db.transaction(work));
  app.get<{ Querystring: Record<string, string> }>('/api/parks/summary', {
    schema: {
      tags: ['parks'],
      summary: 'Village parks by category × progress (count, area in mu), pilots per year against the plan, value parks\' six-element completeness',
      querystring: { type: 'object', additionalProperties: false, properties: { district: { type: 'string' }, asOf: { type: 'string', description: 'YYYY-MM-DD' } } },
    },
  }, async (req) => renovationSummary(db, { asOf: dateParam('asOf', req.query.asOf), districts: listParam('district', req.query.district, codes(taxonomy.districts)) }));

  app.get<{ Querystring: Record<string, string> }>('/api/parks', {
    schema: {
      tags: ['parks'],
      summary: 'Village industrial parks as a GeoJSON FeatureCollection',
      querystring: {
        type: 'object',
        properties: {
          district: { type: 'string', description: 'district codes, comma-separated' },
          category: { type: 'string', description: `renovation categories: ${codes(taxonomy.renovationCategories).join(', ')}` },
          progress: { type: 'string', description: `progress states: ${codes(taxonomy.renovationProgress).join(', ')}` },
          pilot: { type: 'string', description: 'true, false, or a pilot year' },
          bbox: { type: 'string', description: 'west,south,east,north (WGS84)' },
          asOf: { type: 'string', description: 'YYYY-MM-DD: statuses as they were on that date' },
          geometry: { type: 'string', enum: ['full', 'envelope'], description: 'envelope: bounding boxes instead of outlines (smaller)' },
        },
      },
    },
  }, async (req) => {
    const q = req.query;
    const asOf = dateParam('asOf', q.asOf);
    const fc = await findParks(db, {
      districts: listParam('district', q.district, codes(taxonomy.districts)),
      categories: listParam('category', q.category, codes(taxonomy.renovationCategories)),
      progress: listParam('progress', q.progress, codes(taxonomy.renovationProgress)),
      pilot: pilotParam(q.pilot),
      bbox: bboxParam(q.bbox),
      asOf,
    }, mayReadConfidential(req), q.geometry === 'envelope' ? 'envelope' : 'full');
    return { ...fc, demo: fc.features.some((f) => f.properties?.demo), ...(asOf ? { asOf } : {}) };
  });

  app.get<{ Querystring: Record<string, string> }>('/api/parks/statuses', {
    schema: {
      tags: ['parks'],
      summary: 'Status of every park, compact, for the map overlay: now, or as it was on a date (asOf)',
      querystring: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string', description: 'YYYY-MM-DD' } } },
    },
  }, async (req) => {
    const asOf = dateParam('asOf', req.query.asOf);
    return { ...(asOf ? { asOf } : {}), items: await parkStatuses(db, asOf) };
  });

  app.get<{ Params: { id: string } }>('/api/parks/:id', { schema: { tags: ['parks'], params: idParams } }, async (req, reply) => {
    const park = await findPark(db, Number(req.params.id), mayReadConfidential(req));
    if (!park) throw new HttpError(404, `There is no village park with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'park', id: req.params.id }));
    reply.header('ETag', `"${park.properties!.version}"`);
    return park;
  });

  app.patch<{ Params: { id: string }; Body: StatusChangeBody }>('/api/parks/:id', {
    schema: { tags: ['parks'], summary: 'Change the renovation status (needs If-Match with the ETag); an official\'s change that needs the city\'s review answers 409: propose it instead', params: idParams, body: statusChangeSchema },
  }, async (req, reply) => {
    const user = requireUser(req, PARK_EDITORS);
    const id = Number(req.params.id);
    const { change, reason, effectiveDate } = statusEditBody(req.body);
    const expected = parseIfMatch(req.headers['if-match']);
    // A change that needs the city's review is refused here (409 review_required): routes/proposals.ts takes it.
    const row = await inTransaction((tx) => applyStatusEdit(tx, user, { parkId: id, expectedVersion: expected, change, reason, effectiveDate, source: 'edit' }), id)
      .catch(withCurrentOn412(async () => ({ current: await findPark(db, id, mayReadConfidential(req)) })));
    reply.header('ETag', `"${row.version}"`);
    return parkFeature(row, mayReadConfidential(req));
  });

  app.get<{ Params: { id: string } }>('/api/parks/:id/history', { schema: { tags: ['parks'], params: idParams } }, async (req) => {
    requireUser(req, HISTORY_READERS);
    const id = Number(req.params.id);
    if (!(await parkExists(db, id)))
      throw new HttpError(404, `There is no village park with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'park', id }));
    return { parkId: id, items: await parkHistory(db, id) };
  });
}
