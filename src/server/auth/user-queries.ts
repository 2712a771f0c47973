// Accounts in the table `users`: the SQL of the account routes (routes/users.ts) and of the log-in
// (routes/session.ts). `USER_COLUMNS` is the one API shape of an account; the password hash never
// leaves this file except to the log-in's check.
import type { Role } from '../../domain/permissions.ts';
import type { Queryable } from '../db/database.ts';

/** An account as the API answers it. */
export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  district: string | null;
  disabled: boolean;
}

const USER_COLUMNS = 'id, username, role, district, disabled';

export function listUsers(db: Queryable): Promise<UserRecord[]> {
  return db.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`);
}

/** Usernames are unique without regard to case. */
export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username])).length > 0;
}

export async function insertUser(db: Queryable, user: { username: string; passwordHash: string; role: string; district: string | null }): Promise<UserRecord> {
  const [row] = await db.query<UserRecord>(`INSERT INTO users (username, password_hash, role, district) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`, [
    user.username, user.passwordHash, user.role, user.district,
  ]);
  return row;
}

/** Reads and locks an account for a change; undefined when there is none. */
export async function lockUser(tx: Queryable, id: number): Promise<{ role: string; district: string | null; username: string } | undefined> {
  return (await tx.query<{ role: string; district: string | null; username: string }>('SELECT role, district, username FROM users WHERE id = $1 FOR UPDATE', [id]))[0];
}

/**
 * Writes a change of an account (a null `disabled` or `passwordHash` keeps the stored one); with
 * `endSessions`, its sessions end too, all in the caller's transaction. Returns the account as it is now.
 */
export async function updateUser(tx: Queryable, id: number, change: { role: string; district: string | null; disabled: boolean | null; passwordHash: string | null }, endSessions: boolean): Promise<UserRecord> {
  await tx.query('UPDATE users SET role = $2, district = $3, disabled = coalesce($4, disabled), password_hash = coalesce($5, password_hash) WHERE id = $1', [
    id, change.role, change.district, change.disabled, change.passwordHash,
  ]);
  if (endSessions) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  const [row] = await tx.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return row;
}

/** The enabled account a log-in names (any case), with its password hash; undefined when there is none. */
export async function findLoginUser(db: Queryable, username: string) {
  const [user] = await db.query<{ id: number; username: string; role: Role; district: string | null; password_hash: string }>(
    'SELECT id, username, role, district, password_hash FROM users WHERE lower(username) = lower($1) AND NOT disabled',
    [username],
  );
  return user;
}
