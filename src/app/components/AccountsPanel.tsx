// Account management for administrators: every account with its role, district and state, editable
// one row at a time (role, district, new password, disabled), and a form for a new account. The
// server enforces the rules (an official needs a district, an admin cannot demote themselves) and
// its messages are shown as they come.
import { useState, type FormEvent } from 'react';
import { taxonomy, type Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { createUser, updateUser, type UserAccount, type UserChange } from '../api/endpoints-users.ts';
import { ROLES, type Role } from '../../domain/permissions.ts';
import { districtLabel, roleLabel } from '../i18n/labels.ts';
import { accountsChanged } from '../queries/invalidate.ts';
import { accountSaved, useAccounts } from '../queries/users.ts';
import { useViewer } from '../queries/viewer.ts';
import { errorText, reasonText } from '../i18n/error-text.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { useT } from '../i18n/use-t.ts';

/** This panel marks no fields, so a 400 or 409 shows the server's reason itself (e.g. an official needs a district), in the user's language. */
const accountError = (err: unknown, lang: Lang) =>
  err instanceof ApiError && (err.status === 400 || err.status === 409) ? reasonText(err, lang) : errorText(err, lang);

function RoleAndDistrict({ role, district, onRole, onDistrict }: {
  role: Role; district: string | null; onRole: (r: Role) => void; onDistrict: (d: string | null) => void;
}) {
  const { t, lang } = useT();
  return (
    <>
      <label>{t('userRole')}{' '}
        <select name="role" value={role} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r, lang)}</option>)}
        </select>
      </label>
      {role === 'official' && (
        <label>{t('userDistrict')}{' '}
          <select name="district" value={district ?? ''} onChange={(e) => onDistrict(e.target.value || null)}>
            <option value="">—</option>
            {taxonomy.districts.map((d) => <option key={d.code} value={d.code}>{districtLabel(d.code, lang)}</option>)}
          </select>
        </label>
      )}
    </>
  );
}

function UserRow({ user, onSaved }: { user: UserAccount; onSaved: (u: UserAccount, message: string) => void }) {
  const { t, tf, lang } = useT();
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
      onSaved(saved, tf('userSaved', { name: saved.username }));
    } catch (err) {
      setError(accountError(err, lang));
    }
  };

  return (
    <li className={user.disabled ? 'user disabled' : 'user'} data-testid={`user-${user.username}`}>
      <form onSubmit={save} noValidate>
        <strong>{user.username}</strong>
        <RoleAndDistrict role={role} district={district} onRole={(r) => { setRole(r); if (r !== 'official') setDistrict(null); }} onDistrict={setDistrict} />
        <label><input type="checkbox" name="disabled" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> {t('userDisabled')}</label>
        <label>{t('userNewPassword')} <input type="password" name="password" autoComplete="new-password" minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        <button type="submit" disabled={!changed}>{t('userSave')}</button>
        {error && <p className="form-error" role="alert">{error}</p>}
      </form>
    </li>
  );
}

export function AccountsPanel() {
  const { t, tf, lang } = useT();
  const viewer = useViewer();
  const accounts = useAccounts();
  const users = accounts.data;
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState({ username: '', password: '', role: 'planner' as Role, district: null as string | null });

  // The server's answer goes into the cached list at once; the list is then asked again.
  const saved = (u: UserAccount, text: string) => {
    if (viewer) accountSaved(viewer, u);
    void accountsChanged();
    setMessage(text);
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const u = await createUser({ ...draft, district: draft.role === 'official' ? draft.district : null });
      if (viewer) accountSaved(viewer, u);
      void accountsChanged();
      setDraft({ username: '', password: '', role: 'planner', district: null });
      setMessage(tf('userCreated', { name: u.username }));
    } catch (err) {
      setError(accountError(err, lang));
    }
  };

  return (
    <PanelFrame kicker={t('accountsOpen')} title={t('accountsTitle')} titleId="accounts-title" testId="accounts-panel" focusKey="accounts">
      <p className="hint">{t('accountsHint')}</p>
      {message && <p className="hint" role="status" data-testid="accounts-message">{message}</p>}
      {(error ?? accounts.error) && <p className="form-error" role="alert" data-testid="accounts-error">{error ?? errorText(accounts.error, lang)}</p>}
      <h3>{t('userCreate')}</h3>
      {/* noValidate: the server's checks come back as problems worded in the user's language, in the
          alert above; the browser's own bubbles were in its language and invisible in some browsers. */}
      <form className="user-create" onSubmit={create} data-testid="user-create" noValidate>
        <label>{t('username')} <input name="username" required pattern="[A-Za-z0-9._\-]{3,40}" title={t('userNameHint')} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} /></label>
        <label>{t('password')} <input name="password" type="password" required minLength={12} autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} /></label>
        <RoleAndDistrict role={draft.role} district={draft.district} onRole={(role) => setDraft({ ...draft, role })} onDistrict={(district) => setDraft({ ...draft, district })} />
        <button type="submit">{t('userCreateButton')}</button>
      </form>
      {!users ? <p role="status">{t('usersLoading')}</p> : (
        <ul className="plain users" data-testid="users">
          {users.map((u) => <UserRow key={`${u.id}/${u.role}/${u.district}/${u.disabled}`} user={u} onSaved={saved} />)}
        </ul>
      )}
    </PanelFrame>
  );
}
