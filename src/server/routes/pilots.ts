// Pilot selection (architecture §4, "Pilot selection"): the ranking of low-efficiency parks that
// districts nominate from, and a year's pilots against the plan's ~20. Nominating and confirming are
// the review's own routes (a proposal of kind 'pilot', approved by a city administrator; routes/proposals.ts).
// The work is in src/server/parks/pilot-queries.ts.
import type { FastifyInstance } from 'fastify';
import { defaultPilotYear } from '../../domain/pilots.ts';
import { problem } from '../../domain/problems.ts';
import { todayInChina } from '../../domain/china-date.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { PILOT_READERS } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { intParam, optionalIntParam } from '../http/params.ts';
import { pilotCandidates, pilotsOfYear } from '../parks/pilot-queries.ts';

/** The ranking carries tax per mu and every park's figures unsuppressed: the roles that read confidential figures. */
const MAX_LIMIT = 1000;
const yearParam = { type: 'string', enum: taxonomy.pilotYears.map(String), description: `a pilot year of the plan (default: the latest up to this year)` } as const;
const yearOf = (value: string | undefined) => optionalIntParam('year', value, 0, 9999) ?? defaultPilotYear(Number(todayInChina().slice(0, 4)));

export function pilotRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { year?: string; district?: string; limit?: string } }>('/api/pilots/candidates', {
    schema: {
      tags: ['pilots'],
      summary: 'Low-efficiency village parks ranked for nomination as quality-and-efficiency pilots (least efficient first), with reasons; an official sees their district only',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          year: yearParam,
          district: { type: 'string', enum: taxonomy.districts.map((d) => d.code), description: 'one district (default: the whole city; an official: their district)' },
          limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: `at most ${MAX_LIMIT} (default 200)` },
        },
      },
    },
  }, async (req) => {
    const user = requireUser(req, PILOT_READERS);
    let district = req.query.district;
    if (user.role === 'official') {
      if (district && district !== user.district)
        throw new HttpError(403, `Officials of ${user.district} see the ranking of their own district only.`, undefined, undefined,
          problem('pilot_other_district', { yourDistrict: user.district, askedDistrict: district }));
      district = user.district ?? undefined;
    }
    return pilotCandidates(db, { year: yearOf(req.query.year), district, limit: intParam('limit', req.query.limit, 1, MAX_LIMIT, 200) });
  });

  app.get<{ Querystring: { year?: string } }>('/api/pilots', {
    schema: {
      tags: ['pilots'],
      summary: 'A year\'s quality-and-efficiency pilots: the confirmed count against the plan\'s ~20 (warning outside the range), per district, each pilot\'s efficiency before and after and progress; pending nominations for administrators, planners and (their district) officials',
      querystring: { type: 'object', additionalProperties: false, properties: { year: yearParam } },
    },
  }, async (req) => pilotsOfYear(db, req.session?.user ?? null, yearOf(req.query.year)));
}
