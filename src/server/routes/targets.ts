// The plan's targets as data: everyone may read them (they are published policy); administrators
// change a value (with the version they saw and a reason) or add targets of a later plan.
import type { FastifyInstance } from 'fastify';
import { METRICS } from '../../domain/monitoring/indicators.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { intParam } from '../http/params.ts';
import { findTargetId, insertTarget, insertTargetPlan, listTargetPlans, listTargets, targetById, targetHistory, targetPlanExists, updateTarget, type TargetRow } from '../monitoring/target-queries.ts';

/** Plan-level targets that are no indicator metric (counts of parks). */
const TARGET_METRICS = [...METRICS, 'pilotParks', 'valueParks'];

const patchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'version', 'reason'],
  properties: {
    value: { type: 'number', minimum: 0 },
    version: { type: 'integer', minimum: 1 },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

const postSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['plan', 'metric', 'scope', 'year', 'value', 'reason'],
  properties: {
    plan: { type: 'string', minLength: 1, maxLength: 100 },
    planLabel: { type: 'string', minLength: 1, maxLength: 200, description: 'needed when the plan is new' },
    metric: { type: 'string', enum: TARGET_METRICS },
    scope: { type: 'string', enum: ['city', 'cluster', 'district'] },
    key: { type: 'string', maxLength: 50 },
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    value: { type: 'number', minimum: 0 },
    note: { type: 'string', maxLength: 500 },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

export function targetRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/targets', { schema: { tags: ['targets'], summary: "The plans' targets (money in yuan, shares as fractions)" } }, async () => ({
    plans: await listTargetPlans(db),
    items: await listTargets(db),
  }));

  app.get<{ Params: { id: string } }>('/api/targets/:id/history', { schema: { tags: ['targets'] } }, async (req) => {
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    if (!(await targetById(db, id))) throw new HttpError(404, `There is no target with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'target', id }));
    return { items: await targetHistory(db, id) };
  });

  app.patch<{ Params: { id: string }; Body: { value: number; version: number; reason: string } }>('/api/targets/:id', {
    schema: { tags: ['targets'], summary: 'Change a target (administrators); a stale version is refused with 412', body: patchSchema },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const { value, version, reason } = req.body;
    return db.transaction(async (tx) => {
      const current = await targetById(tx, id);
      if (!current) throw new HttpError(404, `There is no target with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'target', id }));
      const row = await updateTarget(tx, id, version, value, reason, user);
      if (!row) throw new HttpError(412, `Target ${id} was changed meanwhile (now version ${current.version}); reload it and try again.`, undefined, { current }, problem('version_conflict', { thing: 'target', current: current.version, yours: version }));
      return row;
    });
  });

  app.post<{ Body: Omit<TargetRow, 'id' | 'version' | 'updatedAt'> & { planLabel?: string; reason: string } }>('/api/targets', {
    schema: { tags: ['targets'], summary: 'Add a target, e.g. of a later plan (administrators)', body: postSchema },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const b = req.body;
    const row = await db.transaction(async (tx) => {
      if (!(await targetPlanExists(tx, b.plan))) {
        if (!b.planLabel)
          throw new HttpError(400, `The plan "${b.plan}" is new: give its name (planLabel).`, { planLabel: 'is required for a new plan' }, undefined, withFields(problem('target_plan_label_required', { plan: b.plan }), { planLabel: problem('field_required') }));
        await insertTargetPlan(tx, b.plan, b.planLabel, b.year);
      }
      const dup = await findTargetId(tx, { plan: b.plan, metric: b.metric, scope: b.scope, key: b.key ?? '', year: b.year });
      if (dup !== undefined) throw new HttpError(409, 'This target exists already; change its value instead.', undefined, { id: dup }, problem('target_exists'));
      return insertTarget(tx, { plan: b.plan, metric: b.metric, scope: b.scope, key: b.key ?? '', year: b.year, value: b.value, note: b.note ?? '' }, b.reason, user);
    });
    return reply.status(201).send(row);
  });
}
