// Login throttling: after repeated failures for one username (or from one address) within a window,
// further attempts are refused with 429 until the window has passed. Kept in the database so every
// server process sees the same count.
import type { Queryable } from '../db/database.ts';

export const THROTTLE = { perUser: 5, perIp: 30, windowMinutes: 15 };

export async function throttledFor(db: Queryable, username: string, ip: string): Promise<number | null> {
  const rows = await db.query<{ user_failures: number; ip_failures: number; oldest: string | null }>(
    `SELECT count(*) FILTER (WHERE username = $1)::int AS user_failures,
            count(*) FILTER (WHERE ip = $2)::int AS ip_failures,
            extract(epoch FROM min(at) FILTER (WHERE username = $1 OR ip = $2))::float8 AS oldest
     FROM login_failures WHERE at > now() - make_interval(mins => $3) AND (username = $1 OR ip = $2)`,
    [username.toLowerCase(), ip, THROTTLE.windowMinutes],
  );
  const r = rows[0];
  if (r.user_failures < THROTTLE.perUser && r.ip_failures < THROTTLE.perIp) return null;
  const retry = Number(r.oldest) + THROTTLE.windowMinutes * 60 - Date.now() / 1000;
  return Math.max(1, Math.ceil(retry));
}

export async function recordFailure(db: Queryable, username: string, ip: string): Promise<void> {
  await db.query('INSERT INTO login_failures (username, ip) VALUES ($1, $2)', [username.toLowerCase(), ip]);
}

export async function clearFailures(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE username = $1', [username.toLowerCase()]);
}
