// JSON schemas of request bodies (validated by Fastify/ajv, published in the OpenAPI document).
import { taxonomy, type RenovationCategory, type RenovationProgress } from '../../domain/taxonomy.ts';
import { problem } from '../../domain/problems.ts';
import type { StatusChange } from '../../domain/renovation-workflow.ts';
import { effectiveDateFieldProblem, effectiveDateProblem, invalidBody } from '../http/params.ts';

export const statusChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'effectiveDate'],
  anyOf: [{ required: ['category'] }, { required: ['progress'] }, { required: ['pilotYear'] }],
  properties: {
    category: { type: 'string', enum: taxonomy.renovationCategories.map((c) => c.code) },
    progress: { type: 'string', enum: taxonomy.renovationProgress.map((c) => c.code) },
    pilotYear: { type: ['integer', 'null'], enum: [...taxonomy.pilotYears, null] },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    effectiveDate: { type: 'string', format: 'date', description: 'YYYY-MM-DD' },
  },
} as const;

export interface StatusChangeBody {
  category?: RenovationCategory;
  progress?: RenovationProgress;
  pilotYear?: number | null;
  reason: string;
  effectiveDate: string;
}

/** The checks of a status change body beyond its schema (a PATCH and a proposal share them): 400 naming the field. */
export function statusEditBody(body: StatusChangeBody): { change: StatusChange; reason: string; effectiveDate: string } {
  const { reason, effectiveDate, ...change } = body;
  if (!reason.trim()) throw invalidBody('reason', 'must not be blank', problem('field_blank'));
  const dateProblem = effectiveDateProblem(effectiveDate);
  if (dateProblem) throw invalidBody('effectiveDate', dateProblem, effectiveDateFieldProblem(effectiveDate)!);
  return { change, reason: reason.trim(), effectiveDate };
}

/** The city's word on a proposal: a comment with an approval, the reason with a return. */
export const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['comment'],
  properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

export const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
