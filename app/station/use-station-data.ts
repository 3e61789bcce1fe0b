'use client';

import { useCallback, useRef, useState } from 'react';
import type { AlertDto } from '@/lib/alerts/alert-dto';
import type { EventFrame } from '@/lib/events/catalogue';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import {
  type HandoverMap,
  reduceHandovers,
  reduceStationAlerts,
  type StationAlert,
  type StationAlertMap,
  type StationHandover,
} from '@/lib/live/station-alerts';
import type { UnitStatus } from '@/lib/units/unit-status-machine';
import { apiGet, apiSend, newKey } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import { reduceUnits, type UnitDto, type UnitMap, unitMap } from '../_components/live-state';
import { useRealtime } from '../_components/use-realtime';
import type { PageUser } from '../_lib/page-props';

// A station's live state: its alerts (each confirmed as delivered the moment it reaches this screen),
// its hand-overs and its units, folded from the event stream; and what the crew can do about them.
export function useStationData(user: PageUser) {
  const { t } = useUi();
  const [alerts, setAlerts] = useState<StationAlertMap>(new Map());
  const [handovers, setHandovers] = useState<HandoverMap>(new Map());
  const [units, setUnits] = useState<UnitMap>(new Map());
  const [unitsLoaded, setUnitsLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Bumped when what the domain databases say about an incident changes (a substance recorded).
  const [domainTick, setDomainTick] = useState(0);
  const delivered = useRef(new Set<number>());

  const confirmDelivery = useCallback((alertId: number) => {
    if (delivered.current.has(alertId)) return;
    delivered.current.add(alertId);
    void apiSend('POST', `/api/alerts/${alertId}/delivered`, undefined, {
      idempotencyKey: `delivered-${alertId}`,
    }).catch(() => delivered.current.delete(alertId));
  }, []);

  const load = useCallback(async () => {
    const [list, us, hs] = await Promise.all([
      apiGet<StationAlert[]>('/api/alerts'),
      apiGet<UnitDto[]>('/api/units'),
      apiGet<StationHandover[]>('/api/handovers'),
    ]);
    setHandovers(new Map(hs.map((h) => [h.id, h])));
    setAlerts(new Map(list.map((a) => [a.id, a])));
    setUnits(unitMap(us));
    setUnitsLoaded(true);
    for (const a of list) if (!a.deliveredAt && !a.acknowledgedAt && !a.cancelledAt) confirmDelivery(a.id);
  }, [confirmDelivery]);

  const onEvent = useCallback(
    (f: EventFrame) => {
      setUnits((m) => reduceUnits(m, f));
      setHandovers((m) => reduceHandovers(m, f));
      setAlerts((m) => reduceStationAlerts(m, f, user.stationId));
      if (f.type === 'incident.substance_added' || f.type === 'incident.substance_removed')
        setDomainTick((n) => n + 1);
      if (f.type === 'alert.created' && f.data.alert.stationId === user.stationId) {
        // A re-alert is the same alert sent anew: it sounds again and is confirmed again.
        if (f.data.alert.realertCount > 0) delivered.current.delete(f.data.alert.id);
        confirmDelivery(f.data.alert.id);
      }
    },
    [user.stationId, confirmDelivery],
  );
  const { state } = useRealtime(onEvent, load);

  const run = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await write();
    } catch (err) {
      setError(errorText(err, t));
      return undefined;
    }
  };
  const acknowledge = async (alertId: number) => {
    const a = await run(() =>
      apiSend<AlertDto>('POST', `/api/alerts/${alertId}/ack`, undefined, {
        idempotencyKey: `ack-${alertId}-${user.id}`,
      }),
    );
    if (a) setAlerts((m) => (m.has(a.id) ? new Map(m).set(a.id, { ...m.get(a.id), ...a }) : m));
  };
  const acknowledgeHandover = async (id: number) => {
    const h = await run(() =>
      apiSend<HandoverDto>('POST', `/api/handovers/${id}/ack`, undefined, {
        idempotencyKey: `handover-${id}-${user.id}`,
      }),
    );
    if (h) setHandovers((m) => new Map(m).set(h.id, { ...m.get(h.id), ...h }));
  };
  const setStatus = (unitId: number, status: UnitStatus) =>
    run(() => apiSend('POST', `/api/units/${unitId}/status`, { status }, { idempotencyKey: newKey() }));

  return {
    alerts,
    handovers,
    units,
    unitsLoaded,
    error,
    state,
    domainTick,
    acknowledge,
    acknowledgeHandover,
    setStatus,
  };
}
