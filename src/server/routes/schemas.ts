// JSON schemas of request bodies (validated by Fastify/ajv, published in the OpenAPI document).
import { taxonomy, type RenovationCategory, type RenovationProgress } from '../../domain/taxonomy.ts';

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

export const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
