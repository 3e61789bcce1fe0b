import { asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  municipalities,
  oncallExceptions,
  oncallServices,
  oncallShifts,
  type ServiceContact,
  stations,
} from '../../db/schema';
import type { ServiceKind } from '../../db/schema/enums';

export interface ShiftDto {
  weekday: number;
  starts: string;
  ends: string;
  officer: string;
  phone: string | null;
  email: string | null;
}

export interface ExceptionDto {
  id: number;
  startsAt: string;
  endsAt: string;
  officer: string;
  phone: string | null;
  email: string | null;
  reason: string;
}

export interface ServiceDto {
  id: number;
  code: string;
  name: string;
  kind: ServiceKind;
  incidentTypes: string[];
  national: boolean;
  municipalities: { id: number; name: string }[];
  hasArea: boolean;
  contacts: ServiceContact[];
  handoverStation: string | null;
  note: string;
  active: boolean;
  version: number;
  shifts: ShiftDto[];
  /** Exceptions that have not ended yet. */
  exceptions: ExceptionDto[];
}

const hhmm = (t: string) => t.slice(0, 5);

/** Services with their rosters, municipalities and current or coming exceptions. */
export async function selectServices(db: Db, where?: SQL): Promise<ServiceDto[]> {
  const rows = await db
    .select({
      s: oncallServices,
      hasArea: sql<boolean>`${oncallServices.area} is not null`,
      station: stations.code,
    })
    .from(oncallServices)
    .leftJoin(stations, eq(stations.id, oncallServices.handoverStationId))
    .where(where)
    .orderBy(asc(oncallServices.name));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.s.id);
  const [shifts, exceptions, names] = await Promise.all([
    db
      .select()
      .from(oncallShifts)
      .where(inArray(oncallShifts.serviceId, ids))
      .orderBy(asc(oncallShifts.weekday), asc(oncallShifts.starts)),
    db
      .select()
      .from(oncallExceptions)
      .where(sql`${inArray(oncallExceptions.serviceId, ids)} and ${gt(oncallExceptions.endsAt, sql`now()`)}`)
      .orderBy(asc(oncallExceptions.startsAt)),
    db
      .select({ id: municipalities.id, name: municipalities.name })
      .from(municipalities)
      .where(inArray(municipalities.id, [...new Set(rows.flatMap((r) => r.s.municipalityIds))].concat([0]))),
  ]);
  const nameOf = new Map(names.map((m) => [m.id, m.name]));
  return rows.map(({ s, hasArea, station }) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind as ServiceKind,
    incidentTypes: s.incidentTypes,
    national: s.national,
    municipalities: s.municipalityIds
      .map((id) => ({ id, name: nameOf.get(id) ?? String(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sl')),
    hasArea,
    contacts: s.contacts,
    handoverStation: station,
    note: s.note,
    active: s.active,
    version: s.version,
    shifts: shifts
      .filter((x) => x.serviceId === s.id)
      .map((x) => ({
        weekday: x.weekday,
        starts: hhmm(x.starts),
        ends: hhmm(x.ends),
        officer: x.officer,
        phone: x.phone,
        email: x.email,
      })),
    exceptions: exceptions
      .filter((x) => x.serviceId === s.id)
      .map((x) => ({
        id: x.id,
        startsAt: x.startsAt.toISOString(),
        endsAt: x.endsAt.toISOString(),
        officer: x.officer,
        phone: x.phone,
        email: x.email,
        reason: x.reason,
      })),
  }));
}

export async function serviceById(db: Db, id: number): Promise<ServiceDto | undefined> {
  return (await selectServices(db, eq(oncallServices.id, id)))[0];
}
