// Server-side sessions in the database (so several server processes can share them), identified by
// a random token in an HttpOnly, SameSite=Lax cookie; only the token's hash is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { SessionUser } from '../../domain/permissions.ts';

export const SESSION_COOKIE = 'igis_sid';
/** Anonymous CSRF token (double-submit), used for the login request itself. */
export const ANON_CSRF_COOKIE = 'igis_csrf';
export const SESSION_HOURS = 12;

export type { SessionUser };

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export const newToken = () => randomBytes(32).toString('base64url');
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Queryable, userId: number): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`, [hashToken(token), userId, csrfToken, SESSION_HOURS]);
  return { token, csrfToken };
}

// Every request looks its session up. On the embedded database a two-second cache saves a round
// trip per request (PGlite runs one statement at a time): only one process can open it, and this
// process forgets a session at once on logout, disabling, a role or password change, so the cache
// never outlives a change. On PostgreSQL several processes may serve one browser (no sticky sessions), and a
// logout through one must end the session in all of them at once: each request asks the database.
export const SESSION_CACHE_MS = 2000;
const cache = new Map<string, { session: Session | null; until: number }>();

export function forgetSessionsOf(userId: number): void {
  for (const [key, entry] of cache) if (entry.session?.user.id === userId) cache.delete(key);
}

/** `cache`: keep sessions for SESSION_CACHE_MS; only for a database no other process writes (PGlite). */
export async function findSession(db: Queryable, token: string | undefined, opts: { cache?: boolean } = {}): Promise<Session | null> {
  if (!token) return null;
  const key = hashToken(token);
  if (!opts.cache) return loadSession(db, key);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.session;
  const session = await loadSession(db, key);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { session, until: Date.now() + SESSION_CACHE_MS });
  return session;
}

async function loadSession(db: Queryable, tokenHash: string): Promise<Session | null> {
  const rows = await db.query<SessionUser & { csrf_token: string }>(
    `SELECT u.id, u.username, u.role, u.district, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  if (!rows.length) return null;
  const { csrf_token, ...user } = rows[0];
  return { user, csrfToken: csrf_token };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  cache.delete(hashToken(token));
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}
