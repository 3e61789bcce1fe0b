'use client';

import { useCallback, useMemo, useState } from 'react';
import type { EcallDto } from '@/lib/ecall/ecall-dto';
import type { EventFrame } from '@/lib/events/catalogue';
import { formatCoord, formatElapsed } from '@/lib/i18n/format';
import { isOpenIncident } from '@/lib/incidents/incident-status';
import {
  type CallMap,
  callbackCalls,
  callMap,
  myActiveCall,
  reduceCalls,
  waitingCalls,
} from '@/lib/live/calls';
import type { CallDto, CallPositionDto } from '@/lib/telephony/call-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import { PRIORITY_COLOR } from '../_components/colors';
import { useUi } from '../_components/i18n';
import { type IncidentMap, type IncidentRow, incidentMap, reduceIncidents } from '../_components/live-state';
import { type MapMarker, LiveMap as MapPanel } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useCentres } from '../_components/use-centres';
import { useIncidentTypes } from '../_components/use-incident-types';
import { useNow } from '../_components/use-now';
import { useRealtime } from '../_components/use-realtime';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { ActiveCall } from './ActiveCall';
import { CallForm } from './CallForm';
import { CallQueue, loadCalls } from './CallQueue';
import { FlaggedIncidents, MyIncidents, WaitingEcalls } from './IncidentLists';
import { KnowledgePanel } from './KnowledgePanel';
import { PlacePanel } from './PlacePanel';
import { useCallIntake } from './use-call-intake';

// The call-taker's screen: the call form (keyboard first), incidents waiting for a person and the
// call-taker's own, the knowledge base for the chosen type, and the map (click to set the location).
export function CallTaker({ user, map, telephony }: { user: PageUser; map: MapConfig; telephony: boolean }) {
  const { t } = useUi();
  const now = useNow();
  const { types, typeName } = useIncidentTypes();
  // The queue shows the calls offered to my centre's positions (its own and those of a region it has
  // taken over), or every centre's.
  const centres = useCentres();
  const [callScope, setCallScope] = useState<'mine' | 'all'>('mine');
  const inScope = (c: CallDto) =>
    callScope === 'all' || user.centreId === null || c.routedCentreId === user.centreId;
  const intake = useCallIntake(types, user.id);
  const { call, deviceFix, picked } = intake;
  const [incidents, setIncidents] = useState<IncidentMap>(new Map());

  const [waiting, setWaiting] = useState<EcallDto[]>([]);
  const loadWaiting = useCallback(() => {
    apiGet<EcallDto[]>('/api/ecall')
      .then(setWaiting)
      .catch(() => {});
  }, []);
  // The 112 calls (with telephony): the queue, the call-backs, and the call answered at my position.
  const [calls, setCalls] = useState<CallMap>(new Map());
  const [positions, setPositions] = useState<CallPositionDto[]>([]);
  const loadPositions = useCallback(() => {
    apiGet<CallPositionDto[]>('/api/telephony/positions')
      .then(setPositions)
      .catch(() => {});
  }, []);
  const { takeCall, updateCall, currentCall } = intake;
  const currentCallId = currentCall?.id ?? null;
  const popCall = useCallback(
    (c: CallDto) => {
      if (c.id === currentCallId) updateCall(c);
      else if (c.state === 'answered' && c.answeredByUserId === user.id) takeCall(c);
    },
    [currentCallId, updateCall, takeCall, user.id],
  );
  const load = useCallback(async () => {
    setIncidents(incidentMap(await apiGet<IncidentRow[]>('/api/incidents?status=all&limit=300')));
    loadWaiting();
    if (telephony) {
      const list = await loadCalls();
      setCalls(callMap(list));
      loadPositions();
      const mine = myActiveCall(callMap(list), user.id);
      if (mine) popCall(mine);
    }
  }, [loadWaiting, telephony, loadPositions, user.id, popCall]);
  const onDeviceEvent = intake.onDeviceEvent;
  const onEvent = useCallback(
    (f: EventFrame) => {
      onDeviceEvent(f);
      setIncidents((m) => reduceIncidents(m, f));
      if (f.type === 'ecall.received') loadWaiting();
      if (f.type === 'call.position_changed') loadPositions();
      else if (f.type.startsWith('call.') || f.type === 'location.fix_received') {
        setCalls((m) => reduceCalls(m, f));
        if (f.type.startsWith('call.')) popCall((f.data as { call: CallDto }).call);
      }
    },
    [onDeviceEvent, loadWaiting, loadPositions, popCall],
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
    const callerPos = currentCall?.location.position;
    if (callerPos)
      list.push({
        id: 'caller',
        kind: 'device',
        lat: callerPos.lat,
        lon: callerPos.lon,
        color: '#0b5cd5',
        title: `${t('callerLocation')} ±${Math.round(currentCall?.location.accuracyM ?? 0)} m`,
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
  }, [incidents, picked, typeName, deviceFix, t, currentCall]);
  const devicePos = deviceFix?.position;
  const callerPos = currentCall?.location.position;
  const circles = [
    ...(devicePos
      ? [
          {
            id: 'device',
            lat: devicePos.lat,
            lon: devicePos.lon,
            radiusM: deviceFix?.accuracyM ?? 0,
            color: '#8250df',
          },
        ]
      : []),
    ...(callerPos
      ? [
          {
            id: 'caller',
            lat: callerPos.lat,
            lon: callerPos.lon,
            radiusM: currentCall?.location.accuracyM ?? 0,
            color: '#0b5cd5',
          },
        ]
      : []),
  ];

  // The map goes to the chosen place (close enough to check it), else to the device's location; a new
  // object only when the place changes, so the call-taker can pan freely in between.
  const pLat = picked?.lat;
  const pLon = picked?.lon;
  const dLat = devicePos?.lat ?? callerPos?.lat;
  const dLon = devicePos?.lon ?? callerPos?.lon;
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
          {fromMessage && fromMessage.channel !== 'phone' && (
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
          {currentCall && (
            <ActiveCall
              call={currentCall}
              onUseLocation={intake.applyCallerLocation}
              onError={intake.fail}
              onTransferred={intake.updateCall}
            />
          )}
          <CallForm intake={intake} types={types} typeName={typeName} />
          <WaitingEcalls waiting={waiting} onTake={intake.takeEcall} />
          <FlaggedIncidents flagged={flagged} typeName={typeName} onConfirm={confirmFlagged} />
          <MyIncidents mine={mine} typeName={typeName} />
        </div>
        <div style={{ display: 'grid', gap: 10, alignContent: 'start', minHeight: 0, overflowY: 'auto' }}>
          <div className="panel">
            <CallQueue
              telephony={telephony}
              waiting={waitingCalls(calls).filter(inScope)}
              callbacks={callbackCalls(calls, now || Date.now()).filter(inScope)}
              scope={
                user.centreId !== null
                  ? { value: callScope, set: setCallScope, myCentreId: user.centreId, centres }
                  : undefined
              }
              positions={positions}
              myUserId={user.id}
              onPositionsChanged={loadPositions}
              onOpenCallback={(c) => {
                intake.takeCall(c);
              }}
              onError={intake.fail}
            />
          </div>
          <KnowledgePanel type={call.form.type} place={picked} />
          <PlacePanel type={call.form.type} place={picked} />
        </div>
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
