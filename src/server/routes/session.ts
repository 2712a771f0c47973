// Log in, who am I, log out. The CSRF token every mutation must echo comes from here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/passwords.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, SESSION_HOURS, createSession, deleteSession, newToken } from '../auth/sessions.ts';
import { findLoginUser } from '../auth/user-queries.ts';
import { claimAttempt, pruneThrottle, releaseAttempt, throttleKey, type ThrottleScope } from '../auth/throttle.ts';
import { HttpError } from '../http/errors.ts';
import { problem } from '../../domain/problems.ts';
import { loginSchema } from './schemas.ts';

/**
 * Secure cookies when SECURE_COOKIES says so, or when the request came over HTTPS: Fastify's
 * `req.protocol` reads X-Forwarded-Proto only from a trusted proxy (TRUST_PROXY), so a client
 * cannot talk the server out of it.
 */
const cookieOptions = (req: FastifyRequest, secureAlways: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureAlways || req.protocol === 'https' });

/**
 * `perSource`: also limit failures per client address across all accounts. Only when the server knows
 * its clients' real addresses (TRUST_PROXY, or no proxy in front); see auth/throttle.ts.
 */
export function sessionRoutes(app: FastifyInstance, db: Database, opts: { secureCookies: boolean; perSource?: boolean }): void {
  const anonToken = (req: FastifyRequest, reply: FastifyReply, existing: string | undefined) => {
    const token = existing ?? newToken();
    if (!existing) reply.setCookie(ANON_CSRF_COOKIE, token, cookieOptions(req, opts.secureCookies));
    return token;
  };

  app.get('/api/session', { schema: { tags: ['session'], summary: 'Who am I, and the CSRF token for mutations' } }, async (req, reply) => {
    if (req.session) return { user: req.session.user, csrfToken: req.session.csrfToken };
    return { user: null, csrfToken: anonToken(req, reply, req.cookies[ANON_CSRF_COOKIE]) };
  });

  app.post<{ Body: { username: string; password: string } }>('/api/session', { schema: { tags: ['session'], summary: 'Log in', body: loginSchema } }, async (req, reply) => {
    const { username, password } = req.body;
    const scopes: ThrottleScope[] = opts.perSource ? ['source', 'pair'] : ['pair'];
    for (const scope of scopes) {
      const wait = await claimAttempt(db, scope, throttleKey(scope, username, req.ip));
      if (wait !== null) {
        reply.header('Retry-After', String(wait));
        throw new HttpError(429, `Too many failed log-in attempts. Try again in ${wait < 60 ? `${wait} second(s)` : `${Math.ceil(wait / 60)} minute(s)`}.`, undefined, undefined, problem('login_throttled', { seconds: wait }));
      }
    }
    const user = await findLoginUser(db, username);
    const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
    // Now and then, counters whose window has passed are dropped.
    if (Math.random() < 0.01) await pruneThrottle(db);
    if (!user || !ok) throw new HttpError(401, 'Wrong username or password.', undefined, undefined, problem('login_wrong'));
    for (const scope of scopes) await releaseAttempt(db, scope, throttleKey(scope, username, req.ip));
    // A new log-in in the same browser ends the session it had (no stale session left behind).
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) await deleteSession(db, previous);
    const { token, csrfToken } = await createSession(db, user.id);
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req, opts.secureCookies), maxAge: SESSION_HOURS * 3600 });
    return { user: { id: user.id, username: user.username, role: user.role, district: user.district }, csrfToken };
  });

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Log out' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
