'use client';

import { useEffect, useState } from 'react';
import type { CentreLoadDto } from '@/lib/centres/centre-dto';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { ConnectionState } from '@/lib/realtime/client';
import { apiGet } from './api';
import { fill } from './domain/words';
import { useUi } from './i18n';
import { PrefsSelects } from './PrefsSelects';
import { roleKey } from './roles';
import { type Centres, useCentres } from './use-centres';
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
  /** The centre a call-taker, dispatcher or supervisor works in. */
  centreId?: number | null;
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
  const { t, lang } = useUi();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const links =
    user.role === 'station'
      ? [{ href: '/station', key: 'navStation' as const }]
      : user.role === 'national'
        ? [{ href: '/centres', key: 'navCentres' as const }]
        : user.role === 'call_taker'
          ? [
              { href: '/call', key: 'navCall' as const },
              { href: '/inbox', key: 'navInbox' as const },
            ]
          : [
              { href: '/call', key: 'navCall' as const },
              { href: '/inbox', key: 'navInbox' as const },
              { href: '/dispatch', key: 'navDispatch' as const },
              { href: '/centres', key: 'navCentres' as const },
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
  const unread = useUnreadMessages(user.role !== 'station' && user.role !== 'national');
  const centres = useCentres(user.role !== 'station');
  const mine = user.centreId != null ? centres.byId.get(user.centreId) : undefined;
  const logout = async () => {
    await fetch('/api/auth/logout', { method: 'POST' });
    location.assign('/login');
  };
  return (
    <>
      <header className="topbar">
        <span className="brand">
          {t('appName')}
          <small data-testid="my-centre">{mine ? mine.name[lang] : t('centre')}</small>
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
      <CentreBanner centres={centres} mine={mine} />
    </>
  );
}

/** Under the bar: my centre is taken over, or it runs other centres' regions too. */
function CentreBanner({ centres, mine }: { centres: Centres; mine: CentreLoadDto | undefined }) {
  const { t, lang } = useUi();
  if (!mine) return null;
  const others = centres.list.filter((c) => c.handledById === mine.id && c.id !== mine.id);
  if (mine.takeover)
    return (
      <div className="centre-banner" role="status" data-testid="centre-banner">
        {fill(t('bannerTakenOver'), {
          centre: mine.name[lang],
          partner: centres.name(mine.takeover.partnerId, lang),
          reason: t(`takeoverReason_${mine.takeover.reason}` as MessageKey),
          since: formatTime(mine.takeover.startedAt),
        })}
      </div>
    );
  if (others.length === 0) return null;
  return (
    <div className="centre-banner handles" role="status" data-testid="centre-banner">
      {fill(t('bannerHandles'), { centres: others.map((c) => c.name[lang]).join(', ') })}
    </div>
  );
}
