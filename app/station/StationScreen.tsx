'use client';

import { useEffect, useMemo } from 'react';
import { formatTime } from '@/lib/i18n/format';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useIncidentTypes } from '../_components/use-incident-types';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { AlarmOverlay } from './AlarmOverlay';
import { HandoverList } from './HandoverList';
import { UnitCard } from './UnitCard';
import { useDeviceAvl } from './use-device-avl';
import { useStationData } from './use-station-data';

// A rescue service's screen: the full-screen alarm for what is not yet acknowledged, hand-overs to
// acknowledge, the station's units with their statuses, and the recent alerts.
export function StationScreen({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const { typeName } = useIncidentTypes();
  const s = useStationData(user);
  const avl = useDeviceAvl();
  // A binding left on this device by another station's sign-in is dropped.
  useEffect(() => {
    if (s.unitsLoaded && avl.unitId !== null && !s.units.has(avl.unitId)) avl.stop();
  }, [s.units, s.unitsLoaded, avl.unitId, avl.stop]);

  const pending = useMemo(
    () =>
      [...s.alerts.values()]
        .filter((a) => !a.acknowledgedAt && !a.cancelledAt)
        .sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
    [s.alerts],
  );
  const recent = useMemo(
    () => [...s.alerts.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, 20),
    [s.alerts],
  );

  return (
    <div className="shell">
      <TopBar user={user} conn={s.state} current="/station" />
      <AlarmOverlay
        top={pending[0]}
        more={pending.length - 1}
        map={map}
        typeName={typeName}
        onAcknowledge={(id) => void s.acknowledge(id)}
      />
      <HandoverList
        handovers={[...s.handovers.values()]}
        typeName={typeName}
        onAcknowledge={(id) => void s.acknowledgeHandover(id)}
      />
      <main className="main station-main">
        <section className="panel" aria-labelledby="units-title">
          <h2 id="units-title">{t('ourUnits')}</h2>
          {s.error && (
            <div className="toast err" role="alert">
              {s.error}
            </div>
          )}
          {[...s.units.values()].map((u) => (
            <UnitCard
              key={u.id}
              unit={u}
              avl={{
                active: avl.unitId === u.id,
                state: avl.state,
                onStart: () => avl.start(u.id),
                onStop: avl.stop,
              }}
              onStatus={(status) => void s.setStatus(u.id, status)}
            />
          ))}
        </section>
        <section className="panel" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentAlerts')}</h2>
          {recent.length === 0 && <p className="muted">{t('waitingForAlerts')}</p>}
          <ul className="list" data-testid="recent-alerts">
            {recent.map((a) => (
              <li key={a.id} className="board-item" data-priority={a.incident?.priority}>
                <div className="title">
                  <span>
                    {a.callsign} · {a.incident ? `${typeName(a.incident.type)} · ${a.incident.number}` : ''}
                  </span>
                  <span className="timer">{formatTime(a.sentAt)}</span>
                </div>
                <div className="muted">
                  {a.incident?.location.address}
                  {a.acknowledgedAt
                    ? ` · ${t('acknowledged')} ${formatTime(a.acknowledgedAt)} (${a.acknowledgedBy ?? ''})`
                    : ''}
                  {a.cancelledAt && !a.acknowledgedAt
                    ? ` · ${t('alertCancelledShort')} ${formatTime(a.cancelledAt)}`
                    : ''}
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
