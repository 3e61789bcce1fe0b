'use client';

import { useCallback, useMemo, useState } from 'react';
import type { EcallDto } from '@/lib/ecall/ecall-dto';
import type { EventFrame } from '@/lib/events/catalogue';
import { formatCoord, formatElapsed } from '@/lib/i18n/format';
import { isOpenIncident } from '@/lib/incidents/incident-status';
import { apiGet, apiSend, newKey } from '../_components/api';
import { PRIORITY_COLOR } from '../_components/colors';
import { useUi } from '../_components/i18n';
import { type IncidentMap, type IncidentRow, incidentMap, reduceIncidents } from '../_components/live-state';
import { type MapMarker, LiveMap as MapPanel } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useIncidentTypes } from '../_components/use-incident-types';
import { useNow } from '../_components/use-now';
import { useRealtime } from '../_components/use-realtime';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { CallForm } from './CallForm';
import { FlaggedIncidents, MyIncidents, WaitingEcalls } from './IncidentLists';
import { KnowledgePanel } from './KnowledgePanel';
import { useCallIntake } from './use-call-intake';

// The call-taker's screen: the call form (keyboard first), incidents waiting for a person and the
// call-taker's own, the knowledge base for the chosen type, and the map (click to set the location).
export function CallTaker({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const now = useNow();
  const { types, typeName } = useIncidentTypes();
  const intake = useCallIntake(types, user.id);
  const { call, deviceFix, picked } = intake;
  const [incidents, setIncidents] = useState<IncidentMap>(new Map());

  const [waiting, setWaiting] = useState<EcallDto[]>([]);
  const loadWaiting = useCallback(() => {
    apiGet<EcallDto[]>('/api/ecall')
      .then(setWaiting)
      .catch(() => {});
  }, []);
  const load = useCallback(async () => {
    setIncidents(incidentMap(await apiGet<IncidentRow[]>('/api/incidents?status=all&limit=300')));
    loadWaiting();
  }, [loadWaiting]);
  const onDeviceEvent = intake.onDeviceEvent;
  const onEvent = useCallback(
    (f: EventFrame) => {
      onDeviceEvent(f);
      setIncidents((m) => reduceIncidents(m, f));
      if (f.type === 'ecall.received') loadWaiting();
    },
    [onDeviceEvent, loadWaiting],
  );
  const { state } = useRealtime(onEvent, load);

  // Incidents a machine opened (eCall) that wait for a person to confirm them.
  const flagged = useMemo(
    () =>
      [...incidents.values()].filter((i) => i.flagged && (i.status === 'new' || i.status === 'dispatched')),
    [incidents],
  );
  const confirmFlagged = (i: IncidentRow) =>
    apiSend(
      'PATCH',
      `/api/incidents/${i.id}`,
      { version: i.version, flagged: false },
      { idempotencyKey: newKey() },
    ).catch(intake.fail);
  const mine = useMemo(
    () =>
      [...incidents.values()]
        .filter((i) => i.createdBy === user.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 15),
    [incidents, user.id],
  );

  const markers = useMemo<MapMarker[]>(() => {
    const list: MapMarker[] = [...incidents.values()]
      .filter((i) => isOpenIncident(i.status))
      .map((i) => ({
        id: `i${i.id}`,
        kind: 'incident',
        lat: i.location.lat,
        lon: i.location.lon,
        color: PRIORITY_COLOR[i.priority] ?? '#888',
        title: `${i.number} ${typeName(i.type)} – ${i.location.address}`,
      }));
    if (picked)
      list.push({
        id: 'pick',
        kind: 'pick',
        lat: picked.lat,
        lon: picked.lon,
        color: '#0b5cd5',
        title: formatCoord(picked.lat, picked.lon),
      });
    if (deviceFix?.position)
      list.push({
        id: 'device',
        kind: 'device',
        lat: deviceFix.position.lat,
        lon: deviceFix.position.lon,
        color: '#8250df',
        title: `${t('deviceLocation')} ±${deviceFix.accuracyM ?? '?'} m`,
      });
    return list;
  }, [incidents, picked, typeName, deviceFix, t]);
  const devicePos = deviceFix?.position;
  const circles = devicePos
    ? [
        {
          id: 'device',
          lat: devicePos.lat,
          lon: devicePos.lon,
          radiusM: deviceFix?.accuracyM ?? 0,
          color: '#8250df',
        },
      ]
    : [];

  // The map goes to the chosen place (close enough to check it), else to the device's location; a new
  // object only when the place changes, so the call-taker can pan freely in between.
  const pLat = picked?.lat;
  const pLon = picked?.lon;
  const dLat = devicePos?.lat;
  const dLon = devicePos?.lon;
  const focus = useMemo(
    () =>
      pLat !== undefined && pLon !== undefined
        ? { lat: pLat, lon: pLon, zoom: 16 }
        : dLat !== undefined && dLon !== undefined
          ? { lat: dLat, lon: dLon, zoom: 13 }
          : null,
    [pLat, pLon, dLat, dLon],
  );

  const pickOnMap = (lat: number, lon: number) => {
    call.set('coords', formatCoord(lat, lon));
    // Suggest the nearest address only into an empty field: never overwrite what was typed.
    apiGet<{ nearest: { label: string; distanceM: number } | null }>(
      `/api/geocode/reverse?lat=${lat}&lon=${lon}`,
    )
      .then(({ nearest: n }) => {
        if (n)
          call.setForm((f) =>
            f.address ? f : { ...f, address: n.distanceM > 50 ? `${n.label} (~${n.distanceM} m)` : n.label },
          );
      })
      .catch(() => {});
  };

  const { notice, fromMessage } = intake;
  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/call" />
      <main
        className="main"
        style={{ gridTemplateColumns: 'minmax(360px, 460px) minmax(260px, 340px) 1fr', gap: 10, padding: 10 }}
      >
        <div className="panel">
          <h2 style={{ display: 'flex', justifyContent: 'space-between' }}>
            {t('newIncident')}
            {call.callStartedAt && (
              <span
                className="timer"
                data-testid="call-timer"
                title={t('callTimer')}
                suppressHydrationWarning
              >
                {t('callStarted')} {now ? formatElapsed(call.callStartedAt, now) : ''}
              </span>
            )}
          </h2>
          {notice && (
            <div
              className={`toast ${notice.kind}`}
              role={notice.kind === 'err' ? 'alert' : 'status'}
              data-testid="notice"
            >
              {notice.text}
            </div>
          )}
          {call.restored && (
            <div className="toast" role="status" data-testid="draft-restored">
              {t('draftRestored')}{' '}
              <button type="button" onClick={intake.resetForm} data-testid="discard-draft">
                {t('discardDraft')}
              </button>
            </div>
          )}
          {fromMessage && (
            <div className="toast" role="status" data-testid="from-message">
              {t('fromMessage')}:{' '}
              {fromMessage.channel === 'email'
                ? t('channelEmail')
                : fromMessage.channel === 'ecall'
                  ? t('ecallFromForm')
                  : 'SMS'}{' '}
              {fromMessage.label}
            </div>
          )}
          <CallForm intake={intake} types={types} typeName={typeName} />
          <WaitingEcalls waiting={waiting} onTake={intake.takeEcall} />
          <FlaggedIncidents flagged={flagged} typeName={typeName} onConfirm={confirmFlagged} />
          <MyIncidents mine={mine} typeName={typeName} />
        </div>
        <KnowledgePanel type={call.form.type} />
        <MapPanel
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          markers={markers}
          circles={circles}
          focus={focus}
          onMapClick={pickOnMap}
        />
      </main>
    </div>
  );
}
