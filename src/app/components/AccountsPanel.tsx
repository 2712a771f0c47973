// Account management for administrators: every account with its role, district and state, editable
// one row at a time (role, district, new password, disabled), and a form for a new account. The
// server enforces the rules (an official needs a district, an admin cannot demote themselves) and
// its messages are shown as they come.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { createUser, fetchUsers, updateUser, type UserAccount, type UserChange } from '../api/endpoints-users.ts';
import type { Role } from '../api/types.ts';
import { districtLabel } from '../i18n/format.ts';
import { t, tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { ROLE_KEYS } from './AccountBox.tsx';
import { errorText, isAbort, reasonText } from './error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';

const ROLES: Role[] = ['admin', 'official', 'planner', 'viewer'];

/** This panel marks no fields, so a 400 or 409 shows the server's reason itself (e.g. an official needs a district), in the user's language. */
const accountError = (err: unknown, lang: Lang) =>
  err instanceof ApiError && (err.status === 400 || err.status === 409) ? reasonText(err, lang) : errorText(err, lang);

function RoleAndDistrict({ role, district, lang, onRole, onDistrict }: {
  role: Role; district: string | null; lang: Lang; onRole: (r: Role) => void; onDistrict: (d: string | null) => void;
}) {
  return (
    <>
      <label>{t('userRole', lang)}{' '}
        <select name="role" value={role} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_KEYS[r], lang)}</option>)}
        </select>
      </label>
      {role === 'official' && (
        <label>{t('userDistrict', lang)}{' '}
          <select name="district" value={district ?? ''} onChange={(e) => onDistrict(e.target.value || null)}>
            <option value="">—</option>
            {taxonomy.districts.map((d) => <option key={d.code} value={d.code}>{districtLabel(d.code, lang)}</option>)}
          </select>
        </label>
      )}
    </>
  );
}

function UserRow({ user, lang, onSaved }: { user: UserAccount; lang: Lang; onSaved: (u: UserAccount, message: string) => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [district, setDistrict] = useState<string | null>(user.district);
  const [disabled, setDisabled] = useState(user.disabled);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const changed = role !== user.role || district !== user.district || disabled !== user.disabled || password !== '';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const change: UserChange = {};
    if (role !== user.role) change.role = role;
    if (role === 'official' ? district !== user.district : user.district !== null) change.district = role === 'official' ? district : null;
    if (disabled !== user.disabled) change.disabled = disabled;
    if (password) change.password = password;
    setError(null);
    try {
      const saved = await updateUser(user.id, change);
      setPassword('');
      onSaved(saved, tf('userSaved', lang, { name: saved.username }));
    } catch (err) {
      setError(accountError(err, lang));
    }
  };

  return (
    <li className={user.disabled ? 'user disabled' : 'user'} data-testid={`user-${user.username}`}>
      <form onSubmit={save} noValidate>
        <strong>{user.username}</strong>
        <RoleAndDistrict role={role} district={district} lang={lang} onRole={(r) => { setRole(r); if (r !== 'official') setDistrict(null); }} onDistrict={setDistrict} />
        <label><input type="checkbox" name="disabled" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> {t('userDisabled', lang)}</label>
        <label>{t('userNewPassword', lang)} <input type="password" name="password" autoComplete="new-password" minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        <button type="submit" disabled={!changed}>{t('userSave', lang)}</button>
        {error && <p className="form-error" role="alert">{error}</p>}
      </form>
    </li>
  );
}

export function AccountsPanel() {
  const lang = useAppStore((s) => s.lang);
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState({ username: '', password: '', role: 'planner' as Role, district: null as string | null });

  const langNow = useRef(lang);
  langNow.current = lang;
  useEffect(() => {
    const ac = new AbortController();
    fetchUsers(ac.signal).then(setUsers, (err) => !isAbort(err) && setError(errorText(err, langNow.current)));
    return () => ac.abort();
  }, []);

  const saved = (u: UserAccount, text: string) => {
    setUsers((list) => list && list.map((x) => (x.id === u.id ? u : x)));
    setMessage(text);
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await createUser({ ...draft, district: draft.role === 'official' ? draft.district : null });
      setUsers((list) => [...(list ?? []), u]);
      setDraft({ username: '', password: '', role: 'planner', district: null });
      setMessage(tf('userCreated', lang, { name: u.username }));
    } catch (err) {
      setError(accountError(err, lang));
    }
  };

  return (
    <PanelFrame kicker={t('accountsOpen', lang)} title={t('accountsTitle', lang)} titleId="accounts-title" testId="accounts-panel" focusKey="accounts">
      <p className="hint">{t('accountsHint', lang)}</p>
      {message && <p className="hint" role="status" data-testid="accounts-message">{message}</p>}
      {error && <p className="form-error" role="alert" data-testid="accounts-error">{error}</p>}
      <h3>{t('userCreate', lang)}</h3>
      {/* noValidate: the server's checks come back as problems worded in the user's language, in the
          alert above; the browser's own bubbles were in its language and invisible in some browsers. */}
      <form className="user-create" onSubmit={create} data-testid="user-create" noValidate>
        <label>{t('username', lang)} <input name="username" required pattern="[A-Za-z0-9._\-]{3,40}" title={t('userNameHint', lang)} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} /></label>
        <label>{t('password', lang)} <input name="password" type="password" required minLength={12} autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} /></label>
        <RoleAndDistrict role={draft.role} district={draft.district} lang={lang} onRole={(role) => setDraft({ ...draft, role })} onDistrict={(district) => setDraft({ ...draft, district })} />
        <button type="submit">{t('userCreateButton', lang)}</button>
      </form>
      {!users ? <p role="status">{t('usersLoading', lang)}</p> : (
        <ul className="plain users" data-testid="users">
          {users.map((u) => <UserRow key={`${u.id}/${u.role}/${u.district}/${u.disabled}`} user={u} lang={lang} onSaved={saved} />)}
        </ul>
      )}
    </PanelFrame>
  );
}
