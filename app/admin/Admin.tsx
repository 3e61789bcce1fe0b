'use client';

import { useEffect, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { DataAdmin } from './DataAdmin';
import { DirectoryAdmin } from './DirectoryAdmin';
import { KbAdmin } from './KbAdmin';
import { StationsAdmin } from './StationsAdmin';
import { TokensAdmin } from './TokensAdmin';
import { TypesAdmin } from './TypesAdmin';
import { UnitsAdmin } from './UnitsAdmin';
import { UsersAdmin } from './UsersAdmin';

const TABS = [
  ['users', 'adminUsers'],
  ['stations', 'adminStations'],
  ['units', 'adminUnits'],
  ['types', 'adminTypes'],
  ['kb', 'adminKb'],
  ['tokens', 'adminTokens'],
  ['directory', 'dirAdmin'],
  ['data', 'dataAdmin'],
] as const satisfies readonly (readonly [string, MessageKey])[];
type Tab = (typeof TABS)[number][0];

// Administration for supervisors: one tab per kind of thing; every save goes through the same
// validated, audited API an integration would use.
export function Admin({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const [tab, setTab] = useState<Tab>('users');
  useEffect(() => {
    const h = location.hash.slice(1);
    if (TABS.some(([k]) => k === h)) setTab(h as Tab);
  }, []);
  const choose = (k: Tab) => {
    setTab(k);
    history.replaceState(null, '', `#${k}`);
  };
  return (
    <div className="shell">
      <TopBar user={user} current="/admin" />
      <main className="main admin-main">
        <div role="tablist" aria-label={t('navAdmin')} className="tabs">
          {TABS.map(([k, label]) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              aria-controls={`tab-${k}`}
              id={`tabbtn-${k}`}
              onClick={() => choose(k)}
              data-testid={`tab-${k}`}
            >
              {t(label)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`tab-${tab}`} aria-labelledby={`tabbtn-${tab}`} className="admin-body">
          {tab === 'users' && <UsersAdmin self={user.id} />}
          {tab === 'stations' && <StationsAdmin map={map} />}
          {tab === 'units' && <UnitsAdmin />}
          {tab === 'types' && <TypesAdmin />}
          {tab === 'kb' && <KbAdmin />}
          {tab === 'tokens' && <TokensAdmin />}
          {tab === 'directory' && <DirectoryAdmin />}
          {tab === 'data' && <DataAdmin />}
        </div>
      </main>
    </div>
  );
}
