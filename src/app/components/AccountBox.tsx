// Log in / log out, and who is logged in (role and district).
import { useState, type FormEvent } from 'react';
import type { Lang } from '../../domain/taxonomy.ts';
import { ApiError } from '../api/client.ts';
import { logIn, logOut } from '../api/endpoints.ts';
import type { SessionUser } from '../api/types.ts';
import { districtLabel, roleLabel } from '../i18n/labels.ts';
import { t, tf } from '../i18n/messages.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';


function loginErrorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError && err.problem) return errorText(err, lang);
  if (err instanceof ApiError && err.status === 401) return t('loginWrong', lang);
  if (err instanceof ApiError && err.status === 429) {
    const seconds = Number(err.headers.get('retry-after'));
    return tf('loginThrottled', lang, { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
  }
  return errorText(err, lang);
}

function LoginForm({ onLoggedIn }: { onLoggedIn: (u: SessionUser) => void }) {
  const { t, lang } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t('loginMissing'));
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
    <form className="login" onSubmit={submit} aria-label={t('logIn')} noValidate>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={!!error} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} />
      </label>
      <button type="submit" disabled={busy}>{busy ? t('loggingIn') : t('logIn')}</button>
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}

export function AccountBox() {
  const { t, lang } = useT();
  const user = useAppStore((s) => s.user);
  const sessionKnown = useAppStore((s) => s.sessionKnown);
  const setUser = useAppStore((s) => s.setUser);
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
    <section className="account" aria-label={t('account')} data-testid="account">
      {user ? (
        <div className="whoami">
          <div>
            <strong data-testid="username">{user.username}</strong>
            <div className="role" data-testid="role">
              {roleLabel(user.role, lang)}
              {user.district ? ` · ${districtLabel(user.district, lang)}` : user.role === 'admin' ? ` · ${t('allDistricts')}` : ''}
            </div>
          </div>
          <button type="button" onClick={out} disabled={busy}>{t('logOut')}</button>
          {error && <p className="form-error" role="alert">{error}</p>}
        </div>
      ) : (
        <LoginForm onLoggedIn={setUser} />
      )}
    </section>
  );
}
