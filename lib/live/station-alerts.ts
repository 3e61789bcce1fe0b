import type { AlertDto } from '../alerts/alert-dto';
import type { EventFrame } from '../events/catalogue';
import type { HandoverDto } from '../handovers/handover-dto';
import type { IncidentDto } from '../incidents/incident-dto';

// A station's alerts and hand-overs, each with its incident, folded from catalogue events. The server
// sends a station only what concerns it; the station id check keeps a shared screen honest anyway.

export type StationAlert = AlertDto & { incident?: IncidentDto };
export type StationAlertMap = ReadonlyMap<number, StationAlert>;
export type StationHandover = HandoverDto & { incident?: IncidentDto };
export type HandoverMap = ReadonlyMap<number, StationHandover>;

export function reduceStationAlerts(
  map: StationAlertMap,
  f: EventFrame,
  stationId: number | null,
): StationAlertMap {
  switch (f.type) {
    case 'alert.created': {
      // A re-alert is the same alert sent anew: it replaces the old state (sent again, not delivered).
      const { alert, incident } = f.data;
      if (alert.stationId !== stationId) return map;
      const prev = map.get(alert.id);
      if (prev && prev.realertCount >= alert.realertCount) return map;
      return new Map(map).set(alert.id, { ...alert, incident });
    }
    case 'alert.delivered':
    case 'alert.acknowledged':
    case 'alert.escalated':
    case 'alert.cancelled': {
      const prev = map.get(f.data.alert.id);
      if (!prev) return map;
      return new Map(map).set(prev.id, { ...prev, ...f.data.alert });
    }
    case 'incident.updated':
      return withIncident(map, f.data.incident);
    default:
      return map;
  }
}

export function reduceHandovers(map: HandoverMap, f: EventFrame): HandoverMap {
  switch (f.type) {
    case 'handover.created':
      return new Map(map).set(f.data.handover.id, { ...f.data.handover, incident: f.data.incident });
    case 'handover.acknowledged': {
      const h = f.data.handover;
      return new Map(map).set(h.id, { ...map.get(h.id), ...h });
    }
    case 'incident.updated':
      return withIncident(map, f.data.incident);
    default:
      return map;
  }
}

/** The newer incident snapshot into every item of that incident. */
function withIncident<T extends { incidentId: number; incident?: IncidentDto }>(
  map: ReadonlyMap<number, T>,
  inc: IncidentDto,
): ReadonlyMap<number, T> {
  let next: Map<number, T> | null = null;
  for (const [id, item] of map)
    if (item.incidentId === inc.id && (item.incident?.version ?? 0) < inc.version) {
      next ??= new Map(map);
      next.set(id, { ...item, incident: inc });
    }
  return next ?? map;
}
