// Login throttling (NIST SP 800-63B §5.2.2, OWASP ASVS V2.2.1), kept in the database so every server
// process sees the same counts. Counters are per account *and* source (username + client address),
// so an attacker elsewhere can slow down only their own guesses, never lock the real user out; and,
// when the server knows its clients' real addresses (TRUST_PROXY), per source across all accounts
// (password spraying). Without TRUST_PROXY every client behind a reverse proxy shares the proxy's
// address, and a per-source limit would shut all of them out: it is then not applied.
//
// Each attempt is claimed *before* the password is checked, by one statement that records it and
// decides (an upsert that row-locks its counter), so parallel guesses cannot all slip past the limit.
// The first `limit` failures within the window are free; after that each attempt must wait a delay
// that doubles with every further failure (from `baseDelaySeconds` up to `maxDelaySeconds`). A
// successful log-in clears the pair and takes its own attempt back from the source.
import type { Queryable } from '../db/database.ts';

export type ThrottleScope = 'pair' | 'source';

export const THROTTLE = {
  pair: { limit: 5 },
  source: { limit: 30 },
  windowMinutes: 15,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
} as const;

export const throttleKey = (scope: ThrottleScope, username: string, source: string) => (scope === 'pair' ? `${username.toLowerCase()}\n${source}` : source);

/**
 * Claims one attempt: records it and answers null when it may go ahead, or the seconds to wait when
 * the counter is blocked (then nothing is recorded). One statement: concurrent claims on one counter
 * queue on its row lock, and each sees the count the previous one left.
 */
export async function claimAttempt(db: Queryable, scope: ThrottleScope, key: string): Promise<number | null> {
  const { limit } = THROTTLE[scope];
  const fresh = `t.last_at < now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const next = `(CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END)`;
  const delay = (n: string) => `CASE WHEN ${n} >= ${limit} THEN now() + make_interval(secs => least(${THROTTLE.maxDelaySeconds}, ${THROTTLE.baseDelaySeconds} * power(2, ${n} - ${limit}))) END`;
  const claimed = await db.query<{ failures: number }>(
    `INSERT INTO login_throttle AS t (scope, key, failures, last_at, blocked_until) VALUES ($1, $2, 1, now(), ${delay('1')})
     ON CONFLICT (scope, key) DO UPDATE SET failures = ${next}, last_at = now(), blocked_until = ${delay(next)}
     WHERE t.blocked_until IS NULL OR t.blocked_until <= now() OR ${fresh}
     RETURNING failures`,
    [scope, key],
  );
  if (claimed.length) return null;
  const [row] = await db.query<{ wait: number }>('SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS wait FROM login_throttle WHERE scope = $1 AND key = $2', [scope, key]);
  return Math.max(1, row?.wait ?? 1);
}

/** After a successful log-in: the pair starts over; the source gets this attempt back. */
export async function releaseAttempt(db: Queryable, scope: ThrottleScope, key: string): Promise<void> {
  if (scope === 'pair') await db.query('DELETE FROM login_throttle WHERE scope = $1 AND key = $2', [scope, key]);
  else
    await db.query(`UPDATE login_throttle SET failures = greatest(failures - 1, 0), blocked_until = CASE WHEN failures - 1 >= $3 THEN blocked_until END
      WHERE scope = $1 AND key = $2`, [scope, key, THROTTLE[scope].limit]);
}

/** Counters older than the window are worth nothing: drop them now and then. */
export async function pruneThrottle(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM login_throttle WHERE last_at < now() - make_interval(mins => ${THROTTLE.windowMinutes}) AND (blocked_until IS NULL OR blocked_until < now())`);
}
