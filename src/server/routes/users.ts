// Accounts, managed by administrators: create users and bind officials to districts.
import type { FastifyInstance } from 'fastify';
import { taxonomy } from '../../domain/taxonomy.ts';
import type { Database } from '../db/database.ts';
import { hashPassword } from '../auth/passwords.ts';
import { MAX_PASSWORD_LENGTH, passwordCheck } from '../auth/password-policy.ts';
import { problem, withFields } from '../../domain/problems.ts';
import { forgetSessionsOf } from '../auth/sessions.ts';
import { requireUser } from '../http/auth-hooks.ts';
import { ROLES } from '../../domain/permissions.ts';
import { HttpError } from '../http/errors.ts';
import { idParams } from '../http/params.ts';
import { insertUser, listUsers, lockUser, updateUser, usernameTaken } from '../auth/user-queries.ts';

const DISTRICTS = taxonomy.districts.map((d) => d.code);
const userBody = (required: string[], withUsername: boolean) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: {
    ...(withUsername ? { username: { type: 'string', pattern: '^[A-Za-z0-9._-]{3,40}$' } } : {}),
    // Length and the common-password list are checked by passwordProblem, with a message that says which rule.
    password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
    role: { type: 'string', enum: [...ROLES] },
    district: { type: ['string', 'null'], enum: [...DISTRICTS, null] },
    disabled: { type: 'boolean' },
  },
});

interface UserBody {
  username?: string;
  password?: string;
  role?: string;
  district?: string | null;
  disabled?: boolean;
}

/** A 400 naming the password rule it breaks (password-policy.ts). */
const passwordRule = (password: string | undefined, username: string | undefined) => {
  const check = password === undefined ? null : passwordCheck(password, username);
  if (check) throw new HttpError(400, `The new password ${check.message}.`, { password: check.message }, undefined, withFields(check.problem, { password: check.problem }));
};

const districtRule = (role: string, district: string | null | undefined) => {
  if (role === 'official' && !district)
    throw new HttpError(400, 'A district official must be bound to a district.', { district: 'is required for officials' }, undefined, withFields(problem('official_needs_district'), { district: problem('field_required') }));
  if (role !== 'official' && district)
    throw new HttpError(400, 'Only district officials are bound to a district.', { district: 'must be empty for this role' }, undefined, withFields(problem('district_only_officials'), { district: problem('field_invalid') }));
};

export function userRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/users', { schema: { tags: ['users'] } }, async (req) => {
    requireUser(req, ['admin']);
    return { items: await listUsers(db) };
  });

  app.post<{ Body: UserBody }>('/api/users', { schema: { tags: ['users'], body: userBody(['username', 'password', 'role'], true) } }, async (req, reply) => {
    requireUser(req, ['admin']);
    const b = req.body;
    districtRule(b.role!, b.district);
    passwordRule(b.password, b.username);
    if (await usernameTaken(db, b.username!))
      throw new HttpError(409, `The username "${b.username}" is taken.`, { username: 'is taken' }, undefined, withFields(problem('username_taken', { username: b.username! }), { username: problem('field_taken') }));
    const row = await insertUser(db, { username: b.username!, passwordHash: await hashPassword(b.password!), role: b.role!, district: b.district ?? null });
    return reply.status(201).send(row);
  });

  app.patch<{ Params: { id: string }; Body: UserBody }>('/api/users/:id', {
    schema: { tags: ['users'], params: idParams, body: userBody([], false) },
  }, async (req) => {
    const admin = requireUser(req, ['admin']);
    const id = Number(req.params.id);
    return db.transaction(async (tx) => {
      const u = await lockUser(tx, id);
      if (!u) throw new HttpError(404, `There is no user with id ${req.params.id}.`, undefined, undefined, problem('not_found', { thing: 'user', id: req.params.id }));
      passwordRule(req.body.password, u.username);
      const role = req.body.role ?? u.role;
      const district = req.body.district !== undefined ? req.body.district : role === 'official' ? u.district : null;
      districtRule(role, district);
      if (id === admin.id && (role !== 'admin' || req.body.disabled)) throw new HttpError(409, 'You cannot remove your own administrator rights.', undefined, undefined, problem('own_admin_rights'));
      const hash = req.body.password ? await hashPassword(req.body.password) : null;
      // Disabling, a new password or a new role or district ends the account's sessions.
      const endSessions = Boolean(req.body.disabled || hash || role !== u.role || district !== u.district);
      const row = await updateUser(tx, id, { role, district: district ?? null, disabled: req.body.disabled ?? null, passwordHash: hash }, endSessions);
      if (endSessions) forgetSessionsOf(id);
      return row;
    });
  });
}
