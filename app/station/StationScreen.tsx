'use client';

import { useEffect, useMemo } from 'react';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { StationAlert } from '@/lib/live/station-alerts';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useIncidentTypes } from '../_components/use-incident-types';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { AlarmOverlay } from './AlarmOverlay';
import { HandoverList } from './HandoverList';
import { UnitCard } from './UnitCard';
import { useDeviceAvl } from './use-device-avl';
import { useStationData } from './use-station-data';
import { useWallScreen } from './use-wall-screen';

// A rescue service's screen: the full-screen alarm for what is not yet acknowledged, hand-overs to
// acknowledge, the station's units with their statuses, and the recent alerts.
export function StationScreen({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const { types, typeName } = useIncidentTypes();
  const s = useStationData(user);
  const avl = useDeviceAvl();
  const wall = useWallScreen();
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
  // The station's own units (it reports their statuses); other stations' units on the same incidents
  // arrive with the events and are shown apart, read-only.
  const own = useMemo(
    () => [...s.units.values()].filter((u) => u.stationId === user.stationId),
    [s.units, user.stationId],
  );
  const incidentsById = useMemo(() => {
    const m = new Map<number, NonNullable<StationAlert['incident']>>();
    for (const a of s.alerts.values()) if (a.incident) m.set(a.incidentId, a.incident);
    return m;
  }, [s.alerts]);
  const others = useMemo(
    () =>
      [...s.units.values()].filter(
        (u) => u.stationId !== user.stationId && u.incidentId !== null && incidentsById.has(u.incidentId),
      ),
    [s.units, user.stationId, incidentsById],
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
        types={types}
        onAcknowledge={(id) => void s.acknowledge(id)}
        domainTick={s.domainTick}
      />
      {wall.sound === 'blocked' && (
        <div className="sound-blocked" role="alert" data-testid="sound-blocked">
          <strong>{t('soundBlocked')}</strong>
          <span>{t('soundBlockedFix')}</span>
          <button
            type="button"
            className="primary"
            onClick={() => void wall.enableSound()}
            data-testid="enable-sound"
          >
            {t('enableSound')}
          </button>
        </div>
      )}
      {wall.wakeLock === 'unavailable' && (
        <div className="toast err wake-lock" role="status" data-testid="wake-lock-unavailable">
          {t('wakeLockFailed')}
        </div>
      )}
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
          {own.map((u) => (
            <UnitCard
              key={u.id}
              unit={u}
              incident={u.incidentId !== null ? incidentsById.get(u.incidentId) : undefined}
              types={types}
              typeName={typeName}
              domainTick={s.domainTick}
              avl={{
                active: avl.unitId === u.id,
                state: avl.state,
                onStart: () => avl.start(u.id),
                onStop: avl.stop,
              }}
              onStatus={(status) => void s.setStatus(u.id, status)}
            />
          ))}
          {others.length > 0 && (
            <section aria-labelledby="others-title" data-testid="other-units">
              <h2 id="others-title">{t('otherStationsUnits')}</h2>
              <table className="table">
                <tbody>
                  {others.map((u) => (
                    <tr key={u.id} data-testid={`other-${u.callsign}`}>
                      <td>
                        <strong>{u.callsign}</strong> <span className="muted">{u.stationName}</span>
                      </td>
                      <td>
                        <span className="status" data-status={u.status}>
                          {t(`st_${u.status}` as MessageKey)}
                        </span>
                      </td>
                      <td>{u.incidentId !== null ? incidentsById.get(u.incidentId)?.number : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
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
