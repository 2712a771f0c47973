// The classification standard of village parks (architecture §4, "The classification standard"):
// the active version and the list of versions, drafts (administrators), the preview of a draft
// against the active version, activation, and the suggestions per park. The work is in
// src/server/parks/standard-queries.ts; the rules' evaluation in src/domain/renovation-standard.ts.
import type { FastifyInstance } from 'fastify';
import { problem } from '../../domain/problems.ts';
import { validateRules, type StandardRule } from '../../domain/renovation-standard.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { SUGGESTION_READERS } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { idParams, intListParam, optionalIntParam } from '../http/params.ts';
import {
  activateDraft, activeVersion, createDraft, discardDraft, draftVersion, findVersion, listVersions, previewVersion, suggestionsFor, updateDraft, zoneCounts,
} from '../parks/standard-queries.ts';

/** Suggestions carry output and tax per mu: the roles that read confidential figures. */

const conditionSchema = {
  type: 'object',
  description: '{kind: "metric", metric, op, value} or {kind: "zone", zoneType, relation}; checked by validateRules (src/domain/renovation-standard.ts)',
  required: ['kind'],
  properties: {
    kind: { type: 'string' }, metric: { type: 'string' }, op: { type: 'string' }, value: { type: 'number' },
    zoneType: { type: 'string' }, relation: { type: 'string' },
  },
} as const;
const ruleSchema = {
  type: 'object',
  required: ['category', 'conditions'],
  properties: {
    category: { type: 'string', enum: ['eliminate', 'convert', 'upgrade'] },
    conditions: { type: 'array', items: conditionSchema },
    note: { type: 'string', maxLength: 500 },
  },
} as const;
const draftBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: { type: 'array', items: ruleSchema, description: 'in order: the first rule whose conditions all hold decides' },
    note: { type: 'string', maxLength: 500 },
    basedOn: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'the version id the draft was copied from (information only)' },
  },
} as const;

interface DraftBody { rules: unknown; note?: string; basedOn?: number }

function checkedRules(raw: unknown): StandardRule[] {
  const checked = validateRules(raw);
  if (!checked.ok) throw new HttpError(400, `The rules are not valid (rule ${checked.problem.params.rule}: ${checked.problem.params.reason}).`, { rules: checked.problem.params.reason }, undefined, checked.problem);
  return checked.rules;
}

export function standardRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/standard', {
    schema: { tags: ['standard'], summary: 'The classification standard: the active version with its rules, the draft (if any), every version, and the zones stored per type' },
  }, async (req) => {
    requireUser(req);
    const [active, draft, versions, zones] = [await activeVersion(db), await draftVersion(db), await listVersions(db), await zoneCounts(db)];
    return { active, draft, versions, zones };
  });

  app.get<{ Params: { id: string } }>('/api/standard/versions/:id', {
    schema: { tags: ['standard'], summary: 'One version of the standard with its rules', params: idParams },
  }, async (req) => {
    requireUser(req);
    const v = await findVersion(db, Number(req.params.id));
    if (!v) throw new HttpError(404, `There is no version ${req.params.id} of the classification standard.`, undefined, undefined, problem('not_found', { thing: 'standardVersion', id: req.params.id }));
    return v;
  });

  app.post<{ Body: DraftBody }>('/api/standard/versions', {
    schema: { tags: ['standard'], summary: 'Start a draft version (administrators): its rules in order; 409 when a draft exists already', body: draftBody },
  }, async (req, reply) => {
    const user = requireUser(req, ['admin']);
    const rules = checkedRules(req.body.rules);
    const v = await db.transaction((tx) => createDraft(tx, { rules, note: (req.body.note ?? '').trim(), basedOn: req.body.basedOn ?? null, username: user.username }));
    return reply.status(201).header('Location', `/api/standard/versions/${v.id}`).send(v);
  });

  app.put<{ Params: { id: string }; Body: DraftBody }>('/api/standard/versions/:id', {
    schema: { tags: ['standard'], summary: 'Replace the rules (and note) of the draft (administrators); 409 for an activated version', params: idParams, body: draftBody },
  }, async (req) => {
    requireUser(req, ['admin']);
    const rules = checkedRules(req.body.rules);
    return db.transaction((tx) => updateDraft(tx, Number(req.params.id), { rules, note: req.body.note?.trim() }));
  });

  app.delete<{ Params: { id: string } }>('/api/standard/versions/:id', {
    schema: { tags: ['standard'], summary: 'Discard the draft (administrators); 409 for an activated version', params: idParams },
  }, async (req, reply) => {
    requireUser(req, ['admin']);
    await db.transaction((tx) => discardDraft(tx, Number(req.params.id)));
    return reply.status(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/standard/versions/:id/preview', {
    schema: {
      tags: ['standard'],
      summary: 'How many parks would move if this version replaced the active one: counts per from → to suggested category, per district, and the contradictions under each (administrators, planners)',
      params: idParams,
    },
  }, async (req) => {
    requireUser(req, ['admin', 'planner']);
    return previewVersion(db, Number(req.params.id));
  });

  app.post<{ Params: { id: string } }>('/api/standard/versions/:id/activate', {
    schema: { tags: ['standard'], summary: 'Activate the draft (administrators): it becomes the standard in force, the previous version is retired and kept', params: idParams },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    return db.transaction((tx) => activateDraft(tx, Number(req.params.id), user.username));
  });

  app.get<{ Querystring: { parks?: string; version?: string; contradicts?: string } }>('/api/standard/suggestions', {
    schema: {
      tags: ['standard'],
      summary: 'The standard\'s suggestion per village park: the category now, the suggested category, the rule and its reasons ({code, params}), and whether they contradict (administrators, planners, officials)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          parks: { type: 'string', pattern: '^[0-9]{1,9}(,[0-9]{1,9}){0,999}$', description: 'park ids, comma-separated (default: every park)' },
          version: { type: 'string', pattern: '^[0-9]{1,9}$', description: 'a version id (default: the active version)' },
          contradicts: { type: 'string', enum: ['true', 'false'], description: 'true: only the parks whose category contradicts the suggestion' },
        },
      },
    },
  }, async (req) => {
    requireUser(req, SUGGESTION_READERS);
    const q = req.query;
    const answer = await suggestionsFor(db, q.parks ? intListParam('parks', q.parks, 0, 1e9) : undefined, { versionId: optionalIntParam('version', q.version, 0, 1e9) });
    return q.contradicts === 'true' ? { ...answer, items: answer.items.filter((s) => s.contradicts) } : answer;
  });

  app.get('/api/standard/contradictions', {
    schema: {
      tags: ['standard'],
      summary: 'The parks whose current category contradicts the active standard, compactly for the map: [park id, suggested category] pairs (administrators, planners, officials)',
    },
  }, async (req) => {
    requireUser(req, SUGGESTION_READERS);
    const answer = await suggestionsFor(db);
    return { version: answer.version, items: answer.items.filter((s) => s.contradicts).map((s) => [s.parkId, s.suggested] as const) };
  });
}
