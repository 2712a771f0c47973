// Log in / log out, and who is logged in (role and district).
import { useState, type FormEvent } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { logIn, logOut } from '../api/endpoints.ts';
import type { Role, SessionUser } from '../api/types.ts';
import { districtLabel } from '../i18n/format.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';

export const ROLE_KEYS: Record<Role, MessageKey> = { admin: 'roleAdmin', official: 'roleOfficial', planner: 'rolePlanner', viewer: 'roleViewer' };

function loginErrorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError && err.problem) return errorText(err, lang);
  if (err instanceof ApiError && err.status === 401) return t('loginWrong', lang);
  if (err instanceof ApiError && err.status === 429) {
    const seconds = Number(err.headers.get('retry-after'));
    return tf('loginThrottled', lang, { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
  }
  return errorText(err, lang);
}

function LoginForm({ lang, onLoggedIn }: { lang: Lang; onLoggedIn: (u: SessionUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t('loginMissing', lang));
    setBusy(true);
    setError(null);
    try {
      const user = await logIn(username.trim(), password);
      setPassword('');
      onLoggedIn(user);
    } catch (err) {
      setError(loginErrorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={submit} aria-label={t('logIn', lang)} noValidate>
      <label>
        {t('username', lang)}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={!!error} />
      </label>
      <label>
        {t('password', lang)}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} />
      </label>
      <button type="submit" disabled={busy}>{busy ? t('loggingIn', lang) : t('logIn', lang)}</button>
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}

export function AccountBox() {
  const { lang, user, sessionKnown, setUser } = useAppStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const out = async () => {
    setBusy(true);
    setError(null);
    try {
      await logOut();
      setUser(null);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  if (!sessionKnown) return <section className="account" aria-busy="true" />;
  return (
    <section className="account" aria-label={t('account', lang)} data-testid="account">
      {user ? (
        <div className="whoami">
          <div>
            <strong data-testid="username">{user.username}</strong>
            <div className="role" data-testid="role">
              {t(ROLE_KEYS[user.role], lang)}
              {user.district ? ` · ${districtLabel(user.district, lang)}` : user.role === 'admin' ? ` · ${t('allDistricts', lang)}` : ''}
            </div>
          </div>
          <button type="button" onClick={out} disabled={busy}>{t('logOut', lang)}</button>
          {error && <p className="form-error" role="alert">{error}</p>}
        </div>
      ) : (
        <LoginForm lang={lang} onLoggedIn={setUser} />
      )}
    </section>
  );
}
