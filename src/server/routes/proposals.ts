// District → city review (architecture §4, "Review of district proposals"): proposing a change that
// needs review, the review queue, approving and returning, and the rules that say which changes
// need review. The work is in src/server/parks/proposals.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem } from '../../domain/problems.ts';
import { PROPOSAL_STATUSES, REVIEW_KINDS, type ProposalStatus, type ReviewKind } from '../../domain/renovation-review.ts';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { mayReadConfidential, requireUser } from '../http/auth-hooks.ts';
import { PARK_EDITORS, PROPOSAL_READERS } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { withCurrentOn412 } from '../http/optimistic-lock.ts';
import { idParams, intParam, invalidBody, listParam, optionalIntParam, parseIfMatch } from '../http/params.ts';
import { findPark, parkFeature } from '../parks/park-queries.ts';
import { approveProposal, findProposal, listProposals, returnProposal, reviewRules, setReviewRule, submitProposal } from '../parks/proposals.ts';
import { decisionSchema, statusChangeSchema, statusEditBody, type StatusChangeBody } from './schemas.ts';

/** Who may read proposals: the roles that read confidential fields. Viewers and the public see no pending detail. */
const MAX_LIMIT = 1000;

/** The comment of a decision, trimmed; 400 when blank. */
function commentOf(body: { comment: string }): string {
  const comment = body.comment.trim();
  if (!comment) throw invalidBody('comment', 'must not be blank', problem('field_blank'));
  return comment;
}

export function proposalRoutes(app: FastifyInstance, db: Database): void {
  /** A 412 carries the park as it is now, as the PATCH's does, so the client can show it and propose again. */
  const withCurrent = (req: FastifyRequest, id: number) => withCurrentOn412(async () => ({ current: await findPark(db, id, mayReadConfidential(req)) }));

  app.post<{ Params: { id: string }; Body: StatusChangeBody }>('/api/parks/:id/proposals', {
    schema: {
      tags: ['review'],
      summary: 'Propose a change that needs the city\'s review (district officials): the same body and If-Match as the PATCH; 202 { id, kinds }, 409 when the change needs no review',
      params: idParams,
      body: statusChangeSchema,
    },
  }, async (req, reply) => {
    const user = requireUser(req, PARK_EDITORS);
    const id = Number(req.params.id);
    const { change, reason, effectiveDate } = statusEditBody(req.body);
    const expected = parseIfMatch(req.headers['if-match']);
    const made = await db.transaction((tx) => submitProposal(tx, user, { parkId: id, expectedVersion: expected, change, reason, effectiveDate, source: 'edit' })).catch(withCurrent(req, id));
    return reply.status(202).header('Location', `/api/proposals/${made.id}`).send(made);
  });

  app.get<{ Querystring: Record<string, string> }>('/api/proposals', {
    schema: {
      tags: ['review'],
      summary: 'The review queue: proposals (oldest first) and their counts per district; an official sees only their district',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: [...PROPOSAL_STATUSES, 'all'], description: 'default pending' },
          district: { type: 'string', description: 'district codes, comma-separated' },
          park: { type: 'string', pattern: '^[0-9]{1,9}$', description: 'one park\'s proposals' },
          limit: { type: 'string', description: `at most ${MAX_LIMIT} (default)` },
        },
      },
    },
  }, async (req) => {
    const user = requireUser(req, PROPOSAL_READERS);
    const q = req.query;
    const status = (q.status ?? 'pending') as ProposalStatus | 'all';
    return {
      status,
      ...(await listProposals(db, user, {
        status,
        districts: listParam('district', q.district, taxonomy.districts.map((d) => d.code)),
        parkId: optionalIntParam('park', q.park, 0, 1e9),
        limit: intParam('limit', q.limit, 1, MAX_LIMIT, MAX_LIMIT),
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/api/proposals/:id', { schema: { tags: ['review'], summary: 'One proposal', params: idParams } }, async (req) => {
    const user = requireUser(req, PROPOSAL_READERS);
    const proposal = await findProposal(db, Number(req.params.id));
    // An official's view of proposals is their district: another district's is as absent as a missing one.
    if (!proposal || (user.role === 'official' && proposal.district !== user.district))
      throw new HttpError(404, `There is no proposal with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'proposal', id: req.params.id }));
    return proposal;
  });

  app.post<{ Params: { id: string }; Body: { comment: string } }>('/api/proposals/:id/approve', {
    schema: {
      tags: ['review'],
      summary: 'Approve a proposal (city administrators): its change is applied as a PATCH on the version it was made on; 409 when the park changed since',
      params: idParams,
      body: decisionSchema,
    },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = Number(req.params.id);
    const comment = commentOf(req.body);
    const row = await db.transaction((tx) => approveProposal(tx, user, id, comment));
    return { proposal: await findProposal(db, id), park: parkFeature(row, mayReadConfidential(req)) };
  });

  app.post<{ Params: { id: string }; Body: { comment: string } }>('/api/proposals/:id/return', {
    schema: { tags: ['review'], summary: 'Return a proposal to the district with a reason (city administrators); the park does not change', params: idParams, body: decisionSchema },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    const id = Number(req.params.id);
    const comment = commentOf(req.body);
    await db.transaction((tx) => returnProposal(tx, user, id, comment));
    return { proposal: await findProposal(db, id) };
  });

  app.get('/api/review-rules', { schema: { tags: ['review'], summary: 'Which kinds of change by a district official need the city\'s review' } }, async (req) => {
    requireUser(req, PROPOSAL_READERS);
    return reviewRules(db);
  });

  app.patch<{ Params: { kind: ReviewKind }; Body: { needsReview: boolean } }>('/api/review-rules/:kind', {
    schema: {
      tags: ['review'],
      summary: 'Switch review of a kind of change on or off (city administrators); pending proposals stay pending',
      params: { type: 'object', properties: { kind: { type: 'string', enum: [...REVIEW_KINDS] } }, required: ['kind'] },
      body: { type: 'object', additionalProperties: false, required: ['needsReview'], properties: { needsReview: { type: 'boolean' } } },
    },
  }, async (req) => {
    const user = requireUser(req, ['admin']);
    await setReviewRule(db, req.params.kind, req.body.needsReview, user.username);
    return reviewRules(db);
  });
}
