'use client';

import { type FormEvent, useState } from 'react';
import { useUi } from '../../_components/i18n';
import { PrefsSelects } from '../../_components/PrefsSelects';

const HOME: Record<string, string> = {
  call_taker: '/call',
  dispatcher: '/dispatch',
  supervisor: '/dispatch',
  station: '/station',
};

export function LoginForm({ next, demo = false }: { next?: string; demo?: boolean }) {
  const { t } = useUi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      if (res.ok) {
        const body = (await res.json()) as { user: { role: string } };
        location.assign(next ?? HOME[body.user.role] ?? '/');
        return;
      }
      setError(res.status === 429 ? t('loginRateLimited') : t('loginFailed'));
    } catch {
      setError(t('retrying'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="panel" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('appName')}</h1>
        <p className="muted" style={{ marginTop: 0 }}>
          {t('centre')}
        </p>
        {error && (
          <div className="toast err" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="username">{t('username')}</label>
          <input id="username" name="username" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">{t('password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="primary" type="submit" disabled={busy} style={{ width: '100%', padding: 10 }}>
          {t('signIn')}
        </button>
        <div className="row" style={{ marginTop: 14 }}>
          <PrefsSelects long />
        </div>
        {demo && (
          <p className="muted" data-testid="demo-hint" style={{ marginTop: 12, fontSize: 13 }}>
            {t('demoMode')} calltaker · dispatcher · supervisor · station / demo-112
          </p>
        )}
      </form>
    </main>
  );
}
