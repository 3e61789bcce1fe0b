'use client';

import { useEffect, useState } from 'react';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { ConnectionState } from '@/lib/realtime/client';
import { apiGet } from './api';
import { useUi } from './i18n';
import { PrefsSelects } from './PrefsSelects';
import { roleKey } from './roles';
import { MESSAGES_CHANGED } from './use-realtime';

/** New written messages (e-mail, SMS 112) nobody has taken yet: read on load and on every change. */
function useUnreadMessages(enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        apiGet<unknown[]>('/api/messages?status=new')
          .then((list) => setCount(list.length))
          .catch(() => {});
      }, 200);
    };
    load();
    window.addEventListener(MESSAGES_CHANGED, load);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(MESSAGES_CHANGED, load);
    };
  }, [enabled]);
  return count;
}

const CONN_KEY: Record<ConnectionState, MessageKey> = {
  connecting: 'connConnecting',
  live: 'connLive',
  reconnecting: 'connReconnecting',
  resynced: 'connResynced',
};

export interface TopBarUser {
  displayName: string;
  role: string;
}

export function TopBar({
  user,
  conn,
  current,
}: {
  user: TopBarUser;
  conn?: ConnectionState;
  current: string;
}) {
  const { t } = useUi();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const links =
    user.role === 'station'
      ? [{ href: '/station', key: 'navStation' as const }]
      : user.role === 'call_taker'
        ? [
            { href: '/call', key: 'navCall' as const },
            { href: '/inbox', key: 'navInbox' as const },
          ]
        : [
            { href: '/call', key: 'navCall' as const },
            { href: '/inbox', key: 'navInbox' as const },
            { href: '/dispatch', key: 'navDispatch' as const },
            ...(user.role === 'supervisor'
              ? [
                  { href: '/stats', key: 'navStats' as const },
                  { href: '/audit', key: 'navAudit' as const },
                  { href: '/replay', key: 'navReplay' as const },
                  { href: '/warnings', key: 'navWarnings' as const },
                  { href: '/admin', key: 'navAdmin' as const },
                ]
              : []),
          ];
  const unread = useUnreadMessages(user.role !== 'station');
  const logout = async () => {
    await fetch('/api/auth/logout', { method: 'POST' });
    location.assign('/login');
  };
  return (
    <header className="topbar">
      <span className="brand">
        {t('appName')}
        <small>{t('centre')}</small>
      </span>
      <nav aria-label="main">
        {links.map((l) => (
          <a key={l.href} href={l.href} aria-current={current === l.href ? 'page' : undefined}>
            {t(l.key)}
            {l.href === '/inbox' && unread > 0 && (
              <span className="count-badge" title={t('unreadMessages')} data-testid="unread-count">
                {unread}
              </span>
            )}
          </a>
        ))}
      </nav>
      <span className="spacer" />
      {conn && (
        <span className="conn" data-state={conn} data-testid="conn" role="status">
          {t(CONN_KEY[conn])}
        </span>
      )}
      <span className="clock" title="Europe/Ljubljana" suppressHydrationWarning>
        {now ? formatTime(now) : ''}
      </span>
      <span>
        {user.displayName} <span className="muted">· {t(roleKey(user.role))}</span>
      </span>
      <PrefsSelects />
      <button type="button" onClick={logout}>
        {t('signOut')}
      </button>
    </header>
  );
}
