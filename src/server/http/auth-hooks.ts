// Who is asking (session cookie) and whether a mutation carries the right CSRF token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, findSession, type Session, type SessionUser } from '../auth/sessions.ts';
import { mayReadConfidential as readsConfidential, type Role } from '../../domain/permissions.ts';
import { HttpError } from './errors.ts';
import { problem } from '../../domain/problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHooks(app: FastifyInstance, db: Database): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    // Decided by the route that will answer, not by the raw target: the router also matches
    // percent-encoded paths (/%61pi/session), and an absolute-form target is rewritten in app.ts.
    if (!(req.routeOptions.url ?? req.url).startsWith('/api/') && !req.url.startsWith('/api/')) return;
    req.session = await findSession(db, req.cookies[SESSION_COOKIE], { cache: db.kind === 'pglite' });
    if (SAFE_METHODS.has(req.method)) return;
    const sent = req.headers['x-csrf-token'];
    const expected = req.session?.csrfToken ?? req.cookies[ANON_CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || sent !== expected)
      throw new HttpError(403, 'Missing or invalid CSRF token: send the X-CSRF-Token header with the token from GET /api/session.', undefined, undefined, problem('csrf_invalid'));
  });
}

/** The signed-in user (else 401), with one of `roles` (else 403): pass a role list of domain/permissions.ts. */
export function requireUser(req: FastifyRequest, roles?: readonly Role[]): SessionUser {
  const user = req.session?.user;
  if (!user) throw new HttpError(401, 'Please log in first.', undefined, undefined, problem('login_required'));
  if (roles && !roles.includes(user.role)) throw new HttpError(403, `This action needs one of the roles: ${roles.join(', ')}.`, undefined, undefined, problem('role_required', { roles: [...roles] }));
  return user;
}

/** Viewers and the public never receive revenue, tax or other confidential figures (the rule: domain/permissions.ts). */
export const mayReadConfidential = (req: FastifyRequest) => readsConfidential(req.session?.user);
