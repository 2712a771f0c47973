// Key projects (重点项目): the list as GeoJSON and the dashboard's counts, under one filter (comma
// lists: cluster, district, status; eligible=true|false). Everyone may read them, the public included:
// the province's and the city's key-project plans (省重点建设项目计划, 市重点项目计划) are published lists
// that name each project with its total investment, and land area and intensity are the plan's own
// criteria for the land quotas; so nothing here is confidential (architecture §4, "Key projects").
// Changes come only through the import pipeline (kind keyProjects, administrators).
import type { FastifyInstance } from 'fastify';
import { KEY_PROJECT_STATUSES, KEY_PROJECT_THRESHOLDS } from '../../domain/key-projects.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { listParam } from '../http/params.ts';
import { HttpError } from '../http/errors.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { listKeyProjects, summarizeKeyProjects, type KeyProjectFilter } from '../projects/key-project-queries.ts';

interface FilterQuery {
  cluster?: string;
  district?: string;
  status?: string;
  eligible?: string;
}

const CLUSTERS = [...taxonomy.clusters.map((c) => c.code as string), 'none'];
const DISTRICTS = taxonomy.districts.map((d) => d.code as string);

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', description: `comma list of cluster codes (${CLUSTERS.join(', ')}; none = not stated)` },
    district: { type: 'string', description: 'comma list of district codes' },
    status: { type: 'string', description: `comma list of ${KEY_PROJECT_STATUSES.join(', ')}` },
    eligible: { type: 'string', enum: ['true', 'false'], description: 'only the projects that meet (true) or do not meet (false) the plan\'s thresholds for provincial land quotas' },
  },
} as const;

function parseFilter(q: FilterQuery): KeyProjectFilter {
  const eligible = q.eligible === undefined || q.eligible === '' ? undefined : q.eligible === 'true' ? true : q.eligible === 'false' ? false : null;
  if (eligible === null)
    throw new HttpError(400, 'The query parameter "eligible" is invalid.', { eligible: 'must be true or false' }, undefined,
      withFields(problem('query_invalid', { field: 'eligible' }), { eligible: problem('field_one_of', { allowed: ['true', 'false'], value: q.eligible }) }));
  return {
    clusters: listParam('cluster', q.cluster, CLUSTERS),
    districts: listParam('district', q.district, DISTRICTS),
    statuses: listParam('status', q.status, KEY_PROJECT_STATUSES) as KeyProjectFilter['statuses'],
    eligible,
  };
}

export function keyProjectRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: FilterQuery }>('/api/key-projects', {
    schema: {
      tags: ['key-projects'],
      summary: 'Key projects (重点项目) as a GeoJSON FeatureCollection: points or parcels, with investment (yuan), land area (mu), intensity (yuan per mu), cluster, status, district and whether they meet the plan\'s thresholds for provincial land quotas (investment > 12亿元 and intensity > 400万元/亩, both strict)',
      querystring,
    },
  }, async (req) => {
    const features = await listKeyProjects(db, parseFilter(req.query));
    return { type: 'FeatureCollection', demo: features.some((f) => f.properties.demo), thresholds: KEY_PROJECT_THRESHOLDS, features };
  });

  app.get<{ Querystring: FilterQuery }>('/api/key-projects/summary', {
    schema: {
      tags: ['key-projects'],
      summary: 'Counts of key projects, of those eligible for provincial land quotas, and their investment (yuan), in total and by district, cluster and status, under the same filter as the list',
      querystring,
    },
  }, async (req) => summarizeKeyProjects(db, parseFilter(req.query)));
}
