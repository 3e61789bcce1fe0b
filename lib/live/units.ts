import type { EventFrame } from '../events/catalogue';
import type { UnitDto } from '../units/unit-dto';

// Units as the map and the boards show them, folded from the events that carry a unit snapshot.

export type UnitMap = ReadonlyMap<number, UnitDto>;

export function unitMap(list: UnitDto[]): UnitMap {
  return new Map(list.map((u) => [u.id, u]));
}

export function reduceUnits(map: UnitMap, f: EventFrame): UnitMap {
  switch (f.type) {
    case 'unit.status_changed':
    case 'unit.position_changed':
    case 'unit.updated':
    case 'alert.created':
      return putUnit(map, f.data.unit);
    default:
      return map;
  }
}

function putUnit(map: UnitMap, unit: UnitDto): UnitMap {
  const prev = map.get(unit.id);
  if (prev && prev.version >= unit.version) return map;
  // The distance was measured for the screen that asked; a snapshot from the log has none.
  return new Map(map).set(unit.id, { ...unit, distanceM: prev?.distanceM });
}
