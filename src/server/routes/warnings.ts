// Early warnings (监测预警): the warnings of a period for the dashboard, and the rules as data.
// Planners and administrators see every warning; an official only those of their district, whatever
// the query says; viewers and the public only the cluster warnings (city aggregates), and the answer
// names the kinds hidden from them. Everyone may read the rules; administrators change them.
import type { FastifyInstance } from 'fastify';
import { isWarningKind, PARAM_SPECS, SEVERITIES, validateParams, type RuleParams, type Severity, type WarningKind } from '../../domain/monitoring/warnings.ts';
import { LANGS, type Lang } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields, type Problem } from '../../domain/problems.ts';
import { filterFromQuery } from '../http/filter-schema.ts';
import { intParam } from '../http/params.ts';
import { listWarningRules, updateWarningRule, warningRuleById, warningRuleHistory } from '../monitoring/warning-rules.ts';
import { cachedAnswer } from '../monitoring/answer-cache.ts';
import { evaluateWarnings } from '../monitoring/warnings.ts';

const querystring = {
  type: 'object',
  additionalProperties: false,
  required: ['period'],
  properties: {
    period: { type: 'string', pattern: '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', description: 'YYYY, YYYY-Qn or YYYY-MM' },
    cumulative: { type: 'string', enum: ['true', 'false'] },
    lang: { type: 'string', enum: LANGS },
    cluster: { type: 'string' }, subIndustry: { type: 'string' }, futureIndustry: { type: 'string' }, tag: { type: 'string' },
    tier: { type: 'string' }, district: { type: 'string' }, town: { type: 'string', pattern: '^[0-9]{9}(,[0-9]{9})*$' },
  },
} as const;

const patchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'reason'],
  properties: {
    params: { type: 'object', description: "the rule kind's parameters (checked by kind: a clear 400 names the parameter)" },
    enabled: { type: 'boolean' },
    severity: { type: 'string', enum: SEVERITIES },
    version: { type: 'integer', minimum: 1 },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

/** Which rule of validateParams a rule's parameters break, as a problem (the bounds from PARAM_SPECS). */
function paramProblem(rule: string, kind: WarningKind, params: unknown, field: string): Problem {
  const name = field.replace(/^params\.?/, '');
  const spec = PARAM_SPECS[kind].find((s) => s.name === name);
  const value = (params as Record<string, unknown> | null)?.[name];
  const which = !name ? 'object' : !spec ? 'unknown' : value === undefined ? 'required' : typeof value !== 'number' || !Number.isFinite(value) ? 'number' : 'range';
  return problem('rule_param_invalid', { rule, param: name, problem: which, ...(spec ? { min: spec.min, max: spec.max } : {}) });
}

export function warningRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: Record<string, string> }>('/api/warnings', {
    schema: { tags: ['warnings'], summary: "The early warnings of a period, filtered like the map; officials get their district's, viewers the cluster warnings only", querystring },
  }, async (req) => {
    const confidential = mayReadConfidential(req);
    const filter = filterFromQuery(req.query);
    if (filter.revenueTiers.length && !confidential) throw new HttpError(403, 'Filtering by revenue tier needs a role that may see revenue.', undefined, undefined, problem('revenue_tier_forbidden'));
    const user = req.session?.user;
    const question = { period: req.query.period, cumulative: req.query.cumulative === 'true', filter, lang: (req.query.lang as Lang | undefined) ?? 'zh-Hans' };
    const scope = { confidential, district: user?.role === 'official' ? user.district : null };
    return cachedAnswer(db, ['warnings', question, scope], () => evaluateWarnings(db, question, scope));
  });

  app.get('/api/warning-rules', { schema: { tags: ['warnings'], summary: 'The early-warning rules (parameters, severity, enabled)' } }, async () => ({ items: await listWarningRules(db) }));

  app.get<{ Params: { id: string } }>('/api/warning-rules/:id/history', { schema: { tags: ['warnings'], summary: "A rule's changes, newest first" } }, async (req) => {
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    if (!(await warningRuleById(db, id))) throw new HttpError(404, `There is no warning rule with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'warningRule', id }));
    return { items: await warningRuleHistory(db, id) };
  });

  app.patch<{ Params: { id: string }; Body: { params?: unknown; enabled?: boolean; severity?: Severity; version: number; reason: string } }>('/api/warning-rules/:id', {
    schema: { tags: ['warnings'], summary: "Change a rule's parameters, severity or whether it runs (administrators); a stale version is refused with 412", body: patchSchema },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = intParam('id', req.params.id, 1, 1e9, 0);
    const b = req.body;
    return db.transaction(async (tx) => {
      const current = await warningRuleById(tx, id);
      if (!current) throw new HttpError(404, `There is no warning rule with id ${id}.`, undefined, undefined, problem('not_found', { thing: 'warningRule', id }));
      if (!b.reason.trim()) throw new HttpError(400, 'Give a reason for the change.', { reason: 'must not be blank' }, undefined, withFields(problem('reason_required'), { reason: problem('field_blank') }));
      let params: RuleParams = current.params;
      if (b.params !== undefined) {
        if (!isWarningKind(current.kind))
          throw new HttpError(409, `Rule "${current.code}" has the kind "${current.kind}", which this server does not know.`, undefined, undefined, problem('rule_kind_unknown', { rule: current.code, kind: current.kind }));
        const check = validateParams(current.kind, b.params);
        if (!check.ok) {
          const pr = paramProblem(current.code, current.kind, b.params, check.field);
          throw new HttpError(400, `The parameter ${check.field} of rule "${current.code}" ${check.message}.`, { [check.field]: check.message }, undefined, withFields(pr, { [check.field]: pr }));
        }
        params = check.params;
      }
      const settings = { params, enabled: b.enabled ?? current.enabled, severity: b.severity ?? current.severity };
      const row = await updateWarningRule(tx, id, b.version, settings, b.reason.trim(), user);
      if (!row) throw new HttpError(412, `Warning rule ${id} was changed meanwhile (now version ${current.version}); reload it and try again.`, undefined, { current }, problem('version_conflict', { thing: 'warningRule', current: current.version, yours: b.version }));
      return row;
    });
  });
}
