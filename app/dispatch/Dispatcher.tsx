'use client';

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatCoord, formatD96, formatDistance, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { EventFrame } from '@/lib/realtime/event-types';
import { AlarmSound } from '../_components/alarm-sound';
import { ApiError, apiGet, apiSend, newKey } from '../_components/api';
import { Elapsed } from '../_components/Elapsed';
import { HandoverPanel } from '../_components/HandoverPanel';
import { useUi } from '../_components/i18n';
import {
  type AssignmentDto,
  alertState,
  type IncidentRow,
  PRIORITY_RANK,
  type UnitDto,
} from '../_components/live-state';
import { TopBar } from '../_components/TopBar';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { DispatchMap } from './DispatchMap';
import { MAP_CHANNEL } from './map-channel';
import { Recommendations } from './Recommendations';
import { useDispatchData } from './use-dispatch-data';

const OPEN = new Set(['new', 'dispatched', 'in_progress']);

export function Dispatcher({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const [selected, setSelected] = useState<number | null>(null);
  const [near, setNear] = useState<{ id: number; distanceM: number | null }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ lat: number; lon: number } | null>(null);
  const [handovers, setHandovers] = useState<HandoverDto[]>([]);
  const onHandover = useCallback((f: EventFrame) => {
    if (f.type === 'handover.created' || f.type === 'handover.acknowledged') {
      const h = (f.data as { handover: HandoverDto }).handover;
      setHandovers((list) => [...list.filter((x) => x.id !== h.id), h]);
    }
  }, []);
  const { incidents, units, typeName, state } = useDispatchData(onHandover);
  const unitList = useMemo(() => [...units.values()], [units]);

  // Changes whenever any unit changes, so recommendations are asked again.
  const unitsVersion = useMemo(() => [...units.values()].reduce((n, u) => n + u.version, 0), [units]);

  const board = useMemo(
    () =>
      [...incidents.values()]
        .filter((i) => OPEN.has(i.status))
        .sort(
          (a, b) =>
            (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
            a.createdAt.localeCompare(b.createdAt),
        ),
    [incidents],
  );
  const current = selected !== null ? incidents.get(selected) : undefined;

  // Units by distance from the selected incident, computed by PostGIS on the server.
  const currentId = current?.id;
  const currentLat = current?.location.lat;
  const currentLon = current?.location.lon;
  useEffect(() => {
    if (currentId === undefined || currentLat === undefined || currentLon === undefined) {
      setNear([]);
      return;
    }
    let cancelled = false;
    apiGet<HandoverDto[]>(`/api/handovers?incidentId=${currentId}`)
      .then((list) => !cancelled && setHandovers(list))
      .catch(() => {});
    apiGet<UnitDto[]>(`/api/units?near=${currentLat},${currentLon}`)
      .then((list) => {
        if (!cancelled) setNear(list.map((u) => ({ id: u.id, distanceM: u.distanceM ?? null })));
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [currentId, currentLat, currentLon]);

  const assign = async (unitId: number) => {
    if (!current) return;
    setError(null);
    try {
      await apiSend(
        'POST',
        `/api/incidents/${current.id}/assignments`,
        { unitId },
        { idempotencyKey: newKey() },
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const confirm = async (id: number, version: number) => {
    setError(null);
    try {
      await apiSend(
        'PATCH',
        `/api/incidents/${id}`,
        { version, flagged: false },
        { idempotencyKey: newKey() },
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  // The map-only second window (another monitor) follows the selection through a BroadcastChannel.
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    channel.current = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(MAP_CHANNEL);
    return () => channel.current?.close();
  }, []);
  // Stable for the memoised board rows, always calling the current `select`.
  const selectRef = useRef<(id: number) => void>(() => {});
  const onSelect = useCallback((id: number) => selectRef.current(id), []);
  const select = (id: number) => {
    setSelected(id);
    const inc = incidents.get(id);
    if (inc) {
      setFocus({ lat: inc.location.lat, lon: inc.location.lon });
      channel.current?.postMessage({
        type: 'select',
        incidentId: id,
        lat: inc.location.lat,
        lon: inc.location.lon,
      });
    }
  };
  selectRef.current = select;

  // Escalated alerts: not acknowledged in time. They sound and stay on top until acknowledged or re-sent.
  const escalated = useMemo(
    () =>
      board.flatMap((i) =>
        i.assignments
          .filter((a) => alertState(a.alert) === 'escalated' && !a.releasedAt)
          .map((a) => ({ incident: i, assignment: a })),
      ),
    [board],
  );
  const sound = useRef<AlarmSound | null>(null);
  useEffect(() => {
    sound.current ??= new AlarmSound();
    if (escalated.length > 0) sound.current.start();
    else sound.current.stop();
  }, [escalated.length]);
  useEffect(() => () => sound.current?.stop(), []);
  const realertAll = async () => {
    setError(null);
    try {
      for (const e of escalated)
        if (e.assignment.alert)
          await apiSend('POST', `/api/alerts/${e.assignment.alert.id}/realert`, undefined, {
            idempotencyKey: newKey(),
          });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.key === 'a' && !e.ctrlKey && !e.altKey && !e.metaKey && escalated.length > 0) {
        e.preventDefault();
        void realertAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Keyboard: ↑/↓ move through the board (when focus is not in a form field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      if (board.length === 0) return;
      e.preventDefault();
      const idx = board.findIndex((i) => i.id === selected);
      const nextIdx = e.key === 'ArrowDown' ? Math.min(board.length - 1, idx + 1) : Math.max(0, idx - 1);
      const next = board[nextIdx];
      if (next) select(next.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/dispatch" />
      <main
        className="main"
        style={{ gridTemplateColumns: 'minmax(300px, 380px) 1fr minmax(340px, 420px)', gap: 10, padding: 10 }}
      >
        <section className="panel" aria-labelledby="board-title">
          {escalated.length > 0 && (
            <div className="escalated" role="alert" data-testid="escalated">
              <strong>{t('escalatedAlerts')}</strong>
              {escalated.map((e) => (
                <div key={e.assignment.id}>
                  {e.assignment.callsign} · {e.incident.number} · {t('alertSent')}{' '}
                  {e.assignment.alert ? formatTime(e.assignment.alert.sentAt) : ''}
                </div>
              ))}
              <button
                type="button"
                className="primary"
                onClick={realertAll}
                aria-keyshortcuts="A"
                data-testid="realert"
              >
                {t('realert')} <kbd>A</kbd>
              </button>
            </div>
          )}
          <button
            type="button"
            onClick={() => window.open('/dispatch/map', 'cad112-map')}
            data-testid="open-map-window"
          >
            {t('mapWindow')} ↗
          </button>
          <h2 id="board-title" style={{ marginTop: 8 }}>
            {t('openIncidents')} (<span data-testid="board-count">{board.length}</span>)
          </h2>
          <div className="list" role="listbox" aria-label={t('openIncidents')} data-testid="board">
            {board.map((i) => (
              <BoardRow
                key={i.id}
                incident={i}
                typeLabel={typeName(i.type)}
                selected={i.id === selected}
                onSelect={onSelect}
              />
            ))}
          </div>
        </section>
        <DispatchMap
          map={map}
          incidents={board}
          units={unitList}
          selected={selected}
          focus={focus}
          typeName={typeName}
          onSelect={select}
        />
        <section className="panel" aria-labelledby="detail-title" data-testid="detail">
          {!current && (
            <p className="muted" id="detail-title">
              {t('noIncidentSelected')}
            </p>
          )}
          {current && (
            <>
              <h2 id="detail-title">
                <span className={`prio prio-${current.priority}`} /> {current.number} ·{' '}
                {typeName(current.type)}
              </h2>
              <p style={{ margin: '4px 0' }}>{current.description}</p>
              <p className="muted" style={{ margin: '4px 0' }}>
                {current.location.address}
                {current.location.accuracyM !== null ? ` · ±${current.location.accuracyM} m` : ''}
              </p>
              <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-coords">
                WGS84 {formatCoord(current.location.lat, current.location.lon)} · D96/TM{' '}
                {formatD96(current.location.d96)}
              </p>
              <p className="muted" style={{ margin: '4px 0' }}>
                {t('caller')}: {[current.caller.name, current.caller.phone].filter(Boolean).join(' ') || '–'}
              </p>
              <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-times">
                {current.callStartedAt ? `${t('callStarted')} ${formatTime(current.callStartedAt)} · ` : ''}
                {t('created')} {formatTime(current.createdAt)}
                {current.firstAlertedAt
                  ? ` · ${t('firstAlerted')} ${formatTime(current.firstAlertedAt)}`
                  : ''}{' '}
                ·{' '}
                <a
                  href={`/replay/${current.id}`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="detail-replay"
                >
                  {t('replay')}
                </a>
              </p>
              {current.flagged && (
                <p>
                  <span className="flag">{t('flaggedEcall')}</span>{' '}
                  <button
                    type="button"
                    onClick={() => confirm(current.id, current.version)}
                    data-testid="confirm-incident"
                  >
                    {t('confirmIncident')}
                  </button>
                </p>
              )}
              {error && (
                <div className="toast err" role="alert">
                  {error}
                </div>
              )}
              <h2 style={{ marginTop: 14 }}>{t('assigned')}</h2>
              <table className="table" data-testid="assigned">
                <tbody>
                  {current.assignments.map((a) => (
                    <tr key={a.id} data-testid={`assigned-${a.callsign}`}>
                      <td>{a.callsign}</td>
                      <td>
                        <span className="status" data-status={a.status}>
                          {t(`st_${a.status}` as MessageKey)}
                        </span>
                      </td>
                      <td>
                        <AssignmentChip a={a} withTimes />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Recommendations incidentId={current.id} refreshKey={unitsVersion} />
              <HandoverPanel
                incidentId={current.id}
                handovers={handovers.filter((h) => h.incidentId === current.id)}
              />
              <h2 style={{ marginTop: 14 }}>{t('nearestUnits')}</h2>
              <table className="table" data-testid="near-units">
                <thead>
                  <tr>
                    <th>{t('unit')}</th>
                    <th>{t('status')}</th>
                    <th>{t('distance')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {near.slice(0, 25).map(({ id, distanceM }) => {
                    const u = units.get(id);
                    if (!u) return null;
                    const free = u.status === 'available' || u.status === 'returning';
                    return (
                      <tr key={id} data-testid={`near-${u.callsign}`}>
                        <td>
                          <strong>{u.callsign}</strong> <span className="muted">{u.type}</span>
                        </td>
                        <td>
                          <span className="status" data-status={u.status}>
                            {t(`st_${u.status}` as MessageKey)}
                          </span>
                        </td>
                        <td>{formatDistance(distanceM)}</td>
                        <td>
                          <button
                            type="button"
                            className={free ? 'primary' : ''}
                            disabled={!free}
                            onClick={() => assign(u.id)}
                          >
                            {t('assign')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </section>
      </main>
    </div>
  );
}

// One line of the board. Memoised: an event about one incident re-renders that row only, and the
// timers tick by themselves (Elapsed), so thousands of rows cost nothing between changes.
const BoardRow = memo(function BoardRow({
  incident: i,
  typeLabel,
  selected,
  onSelect,
}: {
  incident: IncidentRow;
  typeLabel: string;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const { t } = useUi();
  return (
    <div
      role="option"
      tabIndex={0}
      aria-selected={selected}
      className="board-item"
      data-priority={i.priority}
      data-testid={`board-${i.number}`}
      onClick={() => onSelect(i.id)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(i.id)}
    >
      <div className="title">
        <span>
          {i.number} · {typeLabel}
        </span>
        <span className="timer" title={t('sinceCreated')}>
          <Elapsed since={i.createdAt} />
          {i.firstAlertedAt && <Elapsed since={i.firstAlertedAt} prefix={` · ${t('alarmShort')} `} />}
        </span>
      </div>
      {i.flagged && (
        <span className="flag" data-testid="flagged">
          {t('flaggedEcall')}
        </span>
      )}
      <div className="muted">
        {i.location.address || formatCoord(i.location.lat, i.location.lon)} ·{' '}
        {t(`inc_${i.status}` as MessageKey)}
      </div>
      <div>
        {i.assignments
          .filter((a) => !a.releasedAt)
          .map((a) => (
            <AssignmentChip key={a.id} a={a} running />
          ))}
      </div>
    </div>
  );
});

function AssignmentChip({
  a,
  withTimes,
  running,
}: {
  a: AssignmentDto;
  withTimes?: boolean;
  running?: boolean;
}) {
  const { t } = useUi();
  const st = alertState(a.alert);
  const label =
    st === 'acknowledged'
      ? t('alertAcknowledged')
      : st === 'escalated'
        ? t('alertEscalated')
        : st === 'delivered'
          ? t('alertDelivered')
          : t('alertSent');
  const time =
    st === 'acknowledged'
      ? a.alert?.acknowledgedAt
      : st === 'delivered'
        ? a.alert?.deliveredAt
        : a.alert?.sentAt;
  return (
    <span className="chip" data-alert={st ?? 'none'} data-testid={`chip-${a.callsign}`}>
      {withTimes ? '' : `${a.callsign} `}
      {label}
      {withTimes && time ? ` ${formatTime(time)}` : ''}
      {withTimes && st === 'acknowledged' && a.alert?.acknowledgedBy ? ` · ${a.alert.acknowledgedBy}` : ''}
      {/* On the board: how long an alert has waited, or how long acknowledgement took. */}
      {!withTimes && running && a.alert && st !== 'acknowledged' && (
        <Elapsed since={a.alert.sentAt} prefix=" " />
      )}
      {!withTimes && a.alert?.acknowledgedAt
        ? ` ${formatElapsed(a.alert.sentAt, new Date(a.alert.acknowledgedAt).getTime())}`
        : ''}
    </span>
  );
}
