'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatCoord, formatD96, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { EventFrame } from '@/lib/realtime/event-types';
import { type UnitStatus, unitTransitionError } from '@/lib/units/unit-status-machine';
import { AlarmSound } from '../_components/alarm-sound';
import { ApiError, apiGet, apiSend, newKey } from '../_components/api';
import { PRIORITY_COLOR, UNIT_STATUS_COLOR } from '../_components/colors';
import { useUi } from '../_components/i18n';
import {
  type AlertDto,
  applyToUnits,
  type IncidentDto,
  type IncidentType,
  type UnitDto,
} from '../_components/live-state';
import { LiveMap as MapPanel } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useNow } from '../_components/use-now';
import { useRealtime } from '../_components/use-realtime';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { type AvlState, useDeviceAvl } from './use-device-avl';

type StationAlert = AlertDto & { incident?: IncidentDto };
const STATUS_BUTTONS: UnitStatus[] = [
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
  'available',
  'out_of_service',
];

export function StationScreen({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t, lang } = useUi();
  const now = useNow();
  const [alerts, setAlerts] = useState<Map<number, StationAlert>>(new Map());
  const [units, setUnits] = useState<Map<number, UnitDto>>(new Map());
  const [types, setTypes] = useState<IncidentType[]>([]);
  const [error, setError] = useState<string | null>(null);
  // What the alarm sound is doing, shown on the overlay (data-sound) and asked for when blocked.
  const [soundState, setSoundState] = useState<'off' | 'playing' | 'blocked'>('off');
  const soundBlocked = soundState === 'blocked';
  const [handovers, setHandovers] = useState<Map<number, HandoverDto & { incident?: IncidentDto }>>(
    new Map(),
  );
  const sound = useRef<AlarmSound | null>(null);
  const avl = useDeviceAvl();
  const unitsLoaded = useRef(false);
  // A binding left on this device by another station's sign-in is dropped.
  useEffect(() => {
    if (unitsLoaded.current && avl.unitId !== null && !units.has(avl.unitId)) avl.stop();
  }, [units, avl.unitId, avl.stop]);
  const delivered = useRef(new Set<number>());

  const confirmDelivery = useCallback((alertId: number) => {
    if (delivered.current.has(alertId)) return;
    delivered.current.add(alertId);
    void apiSend('POST', `/api/alerts/${alertId}/delivered`, undefined, {
      idempotencyKey: `delivered-${alertId}`,
    }).catch(() => delivered.current.delete(alertId));
  }, []);

  const load = useCallback(async () => {
    const [list, us, ts, hs] = await Promise.all([
      apiGet<StationAlert[]>('/api/alerts'),
      apiGet<UnitDto[]>('/api/units'),
      apiGet<IncidentType[]>('/api/incident-types'),
      apiGet<(HandoverDto & { incident?: IncidentDto })[]>('/api/handovers'),
    ]);
    setHandovers(new Map(hs.map((h) => [h.id, h])));
    setAlerts(new Map(list.map((a) => [a.id, a])));
    setUnits(new Map(us.map((u) => [u.id, u])));
    unitsLoaded.current = true;
    setTypes(ts);
    for (const a of list) if (!a.deliveredAt && !a.acknowledgedAt) confirmDelivery(a.id);
  }, [confirmDelivery]);

  const onEvent = useCallback(
    (f: EventFrame) => {
      setUnits((m) => applyToUnits(m, f) ?? m);
      const data = f.data as Record<string, unknown>;
      if (f.type === 'handover.created' || f.type === 'handover.acknowledged') {
        const d = data as { handover: HandoverDto; incident?: IncidentDto };
        setHandovers((m) =>
          new Map(m).set(d.handover.id, {
            ...m.get(d.handover.id),
            ...d.handover,
            ...(d.incident ? { incident: d.incident } : {}),
          }),
        );
        return;
      }
      if (f.type === 'alert.created') {
        const d = data as {
          alertId: number;
          incident: IncidentDto;
          unit: UnitDto;
          sentAt: string;
          assignmentId: number;
          stationId: number;
          realert?: number;
        };
        if (d.stationId !== user.stationId) return;
        // A re-alert arrives as alert.created for the same alert: it sounds again and is confirmed again.
        if (d.realert) delivered.current.delete(d.alertId);
        setAlerts((m) => {
          if (m.has(d.alertId) && !d.realert) return m;
          const next = new Map(m);
          next.set(d.alertId, {
            id: d.alertId,
            alertId: d.alertId,
            assignmentId: d.assignmentId,
            incidentId: d.incident.id,
            stationId: d.stationId,
            unitId: d.unit.id,
            callsign: d.unit.callsign,
            unitType: d.unit.type,
            sentAt: d.sentAt,
            deliveredAt: null,
            acknowledgedAt: null,
            acknowledgedBy: null,
            escalatedAt: null,
            realertCount: d.realert ?? 0,
            incident: d.incident,
          });
          return next;
        });
        confirmDelivery(d.alertId);
      } else if (f.type === 'alert.acknowledged' || f.type === 'alert.delivered') {
        const a = data.alert as AlertDto;
        setAlerts((m) => {
          const prev = m.get(a.id);
          if (!prev) return m;
          return new Map(m).set(a.id, { ...prev, ...a });
        });
      } else if (f.type === 'incident.updated') {
        const inc = data.incident as IncidentDto;
        setAlerts((m) => {
          let changed = false;
          const next = new Map(m);
          for (const [id, a] of m) {
            if (a.incidentId === inc.id && (a.incident?.version ?? 0) <= inc.version) {
              next.set(id, { ...a, incident: inc });
              changed = true;
            }
          }
          return changed ? next : m;
        });
      }
    },
    [user.stationId, confirmDelivery],
  );
  const { state } = useRealtime(onEvent, load);

  const pending = useMemo(
    () =>
      [...alerts.values()].filter((a) => !a.acknowledgedAt).sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
    [alerts],
  );
  const recent = useMemo(
    () => [...alerts.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, 20),
    [alerts],
  );
  const top = pending[0];

  // The alarm sounds while anything is unacknowledged, after a reload and after a reconnect too.
  useEffect(() => {
    sound.current ??= new AlarmSound();
    const s = sound.current;
    if (top) {
      s.start();
      const check = () => setSoundState(s.playing ? 'playing' : s.blocked ? 'blocked' : 'off');
      const first = setTimeout(check, 300);
      const id = setInterval(check, 1000);
      return () => {
        clearTimeout(first);
        clearInterval(id);
      };
    }
    s.stop();
    setSoundState('off');
  }, [top]);
  useEffect(() => () => sound.current?.stop(), []);

  const acknowledge = async (alertId: number) => {
    setError(null);
    try {
      const a = await apiSend<AlertDto>('POST', `/api/alerts/${alertId}/ack`, undefined, {
        idempotencyKey: `ack-${alertId}-${user.id}`,
      });
      setAlerts((m) => {
        const prev = m.get(a.id);
        return prev ? new Map(m).set(a.id, { ...prev, ...a }) : m;
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const acknowledgeHandover = async (id: number) => {
    setError(null);
    try {
      const h = await apiSend<HandoverDto>('POST', `/api/handovers/${id}/ack`, undefined, {
        idempotencyKey: `handover-${id}-${user.id}`,
      });
      setHandovers((m) => new Map(m).set(h.id, { ...m.get(h.id), ...h }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const setStatus = async (unitId: number, status: UnitStatus) => {
    setError(null);
    try {
      await apiSend('POST', `/api/units/${unitId}/status`, { status }, { idempotencyKey: newKey() });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const typeName = (code: string) => types.find((x) => x.code === code)?.name[lang] ?? code;

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/station" />
      {top && (
        <div
          className="alarm"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="alarm-title"
          data-testid="alarm"
          data-sound={soundState}
        >
          <div>
            {soundBlocked && (
              <button
                type="button"
                className="sound-banner"
                onClick={() => void sound.current?.unlock().then(() => setSoundState('playing'))}
              >
                {t('enableSound')}
              </button>
            )}
            <h1 id="alarm-title">
              {t('alarm')} · {top.callsign}
              {pending.length > 1 ? ` (+${pending.length - 1})` : ''}
            </h1>
            <div className="big" data-testid="alarm-type">
              {top.incident
                ? `${typeName(top.incident.type)} · ${top.incident.number}`
                : `#${top.incidentId}`}
            </div>
          </div>
          <div className="body">
            <dl className="facts">
              <dt>{t('address')}</dt>
              <dd data-testid="alarm-address">{top.incident?.location.address || '–'}</dd>
              <dt>WGS84</dt>
              <dd>
                {top.incident ? formatCoord(top.incident.location.lat, top.incident.location.lon) : '–'}
              </dd>
              <dt>D96/TM</dt>
              <dd data-testid="alarm-d96">{formatD96(top.incident?.location.d96)}</dd>
              <dt>{t('description')}</dt>
              <dd>{top.incident?.description || '–'}</dd>
              <dt>{t('caller')}</dt>
              <dd>
                {top.incident?.caller.name} {top.incident?.caller.phone}
              </dd>
              <dt>{t('alertSent')}</dt>
              <dd suppressHydrationWarning>
                {formatTime(top.sentAt)} ({now ? formatElapsed(top.sentAt, now) : ''})
              </dd>
            </dl>
            {top.incident && (
              <MapPanel
                tileUrl={map.tileUrl}
                attribution={map.attribution}
                center={[top.incident.location.lat, top.incident.location.lon]}
                zoom={13}
                testId="alarm-map"
                markers={[
                  {
                    id: 'incident',
                    kind: 'incident',
                    lat: top.incident.location.lat,
                    lon: top.incident.location.lon,
                    color: PRIORITY_COLOR[top.incident.priority] ?? '#888',
                    title: top.incident.number,
                  },
                ]}
              />
            )}
          </div>
          <button
            type="button"
            className="ack"
            autoFocus
            onClick={() => acknowledge(top.id)}
            data-testid="ack"
          >
            {t('acknowledge')}
          </button>
        </div>
      )}
      {handovers.size > 0 && (
        <section className="handovers" aria-labelledby="handovers-title" data-testid="handovers">
          <h2 id="handovers-title">{t('handovers')}</h2>
          {[...handovers.values()]
            .sort(
              (a, b) => Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) || b.id - a.id,
            )
            .slice(0, 6)
            .map((h) => (
              <div
                key={h.id}
                className="handover-item"
                data-pending={!h.acknowledgedAt}
                data-testid={`handover-${h.id}`}
              >
                <div>
                  <strong>
                    {h.incident ? `${typeName(h.incident.type)} · ${h.incident.number}` : `#${h.incidentId}`}
                  </strong>{' '}
                  · {h.incident?.location.address} · {formatD96(h.incident?.location.d96)}
                  <div>
                    {h.reason}{' '}
                    <span className="muted">
                      · {h.createdBy} · {formatTime(h.createdAt)}
                    </span>
                  </div>
                  {h.incident?.description && <div className="muted">{h.incident.description}</div>}
                </div>
                {h.acknowledgedAt ? (
                  <span className="muted">
                    {t('handoverAcked')} {formatTime(h.acknowledgedAt)}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="primary handover-ack"
                    onClick={() => acknowledgeHandover(h.id)}
                    data-testid="ack-handover"
                  >
                    {t('handoverAck')}
                  </button>
                )}
              </div>
            ))}
        </section>
      )}
      <main className="main station-main">
        <section className="panel" aria-labelledby="units-title">
          <h2 id="units-title">{t('ourUnits')}</h2>
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          {[...units.values()].map((u) => (
            <div key={u.id} className="panel" style={{ marginBottom: 10 }} data-testid={`unit-${u.callsign}`}>
              <div
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  marginBottom: 8,
                }}
              >
                <strong style={{ fontSize: 18 }}>
                  {u.callsign} <span className="muted">{u.type}</span>
                </strong>
                <span
                  className="status"
                  data-status={u.status}
                  style={{ borderColor: UNIT_STATUS_COLOR[u.status] }}
                  data-testid="unit-status"
                >
                  {t(`st_${u.status}` as MessageKey)}
                </span>
              </div>
              <AvlControl
                active={avl.unitId === u.id}
                state={avl.state}
                onStart={() => avl.start(u.id)}
                onStop={avl.stop}
              />
              <div className="status-buttons">
                {STATUS_BUTTONS.map((s) => (
                  <button
                    key={s}
                    type="button"
                    disabled={unitTransitionError(u.status as UnitStatus, s) !== null}
                    onClick={() => setStatus(u.id, s)}
                  >
                    {t(`st_${s}` as MessageKey)}
                  </button>
                ))}
              </div>
            </div>
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
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}

// Binds this device's location to one unit (a tablet in the vehicle) and says what is happening.
function AvlControl({
  active,
  state,
  onStart,
  onStop,
}: {
  active: boolean;
  state: AvlState;
  onStart: () => void;
  onStop: () => void;
}) {
  const { t } = useUi();
  if (!active)
    return (
      <button type="button" className="link-button avl-button" onClick={onStart} data-testid="avl-start">
        {t('avlShare')}
      </button>
    );
  const last =
    'lastSentAt' in state && state.lastSentAt
      ? ` · ${t('avlLast')} ${formatTime(new Date(state.lastSentAt))}`
      : '';
  const text =
    state.kind === 'sending'
      ? `${t('avlSending')}${last} · ±${state.accuracyM} m`
      : state.kind === 'poor'
        ? `${t('avlPoor')} (±${state.accuracyM} m)${last}`
        : state.kind === 'denied'
          ? t('avlDenied')
          : state.kind === 'unavailable'
            ? t('avlUnavailable')
            : state.kind === 'failed'
              ? `${t('avlFailed')}${last}`
              : t('avlWaiting');
  const bad = state.kind === 'denied' || state.kind === 'unavailable' || state.kind === 'failed';
  return (
    <div
      className={`avl-line${bad ? ' avl-bad' : ''}`}
      data-testid="avl"
      data-state={state.kind}
      role="status"
    >
      <span>{text}</span>
      <button type="button" className="link-button" onClick={onStop} data-testid="avl-stop">
        {t('avlStop')}
      </button>
    </div>
  );
}
