import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  agencies,
  municipalities,
  oncallExceptions,
  oncallServices,
  oncallShifts,
  stations,
} from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, pgErrorCode, present } from '../errors';
import { oncallServiceSaved } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { HANDOVER_AGENCIES } from '../handovers/create-handover';
import type { TSaveService } from './schemas';
import { type ServiceDto, serviceById } from './service-dto';

const COMPARED = [
  'code',
  'name',
  'kind',
  'incidentTypes',
  'national',
  'municipalities',
  'contacts',
  'handoverStation',
  'note',
  'active',
  'shifts',
] as const;

function changedFields(before: ServiceDto | null, after: ServiceDto): string[] {
  if (!before) return [];
  return COMPARED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Creates or updates a service with its weekly roster (replaced as a whole), in one transaction. */
export async function saveService(db: Db, actor: Principal, input: TSaveService): Promise<ServiceDto> {
  try {
    const { result } = await inWriteTx(db, actor, (w) => saveServiceTx(w, input));
    return result;
  } catch (err) {
    if (pgErrorCode(err) === '23505')
      throw new AppError('conflict', 'a service with this code exists', [
        { field: 'body.code', message: 'already used by another service' },
      ]);
    throw err;
  }
}

export async function saveServiceTx(w: WriteTx, input: TSaveService): Promise<ServiceDto> {
  const { tx } = w;
  const before = input.id ? ((await serviceById(tx, input.id)) ?? null) : null;
  if (input.id && !before) throw notFound('service');
  if (input.municipalityIds.length) {
    const known = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inArray(municipalities.id, input.municipalityIds));
    const missing = input.municipalityIds.filter((id) => !known.some((k) => k.id === id));
    if (missing.length)
      throw new AppError('validation_failed', 'unknown municipality', [
        { field: 'body.municipalityIds', message: `no municipality ${missing.join(', ')}` },
      ]);
  }
  let handoverStationId: number | null = null;
  if (input.handoverStation) {
    const [st] = await tx
      .select({ id: stations.id })
      .from(stations)
      .innerJoin(agencies, eq(agencies.id, stations.agencyId))
      .where(and(eq(stations.code, input.handoverStation), inArray(agencies.code, [...HANDOVER_AGENCIES])));
    if (!st)
      throw new AppError('validation_failed', 'not a hand-over station', [
        { field: 'body.handoverStation', message: 'the code of a station of a hand-over agency' },
      ]);
    handoverStationId = st.id;
  }
  const values = {
    code: input.code,
    name: input.name,
    kind: input.kind,
    incidentTypes: [...new Set(input.incidentTypes)],
    national: input.national,
    municipalityIds: [...new Set(input.municipalityIds)],
    contacts: input.contacts,
    handoverStationId,
    note: input.note,
    active: input.active,
  };
  let id: number;
  if (before) {
    await tx
      .update(oncallServices)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(eq(oncallServices.id, before.id));
    await tx.delete(oncallShifts).where(eq(oncallShifts.serviceId, before.id));
    id = before.id;
  } else {
    const [row] = await tx.insert(oncallServices).values(values).returning({ id: oncallServices.id });
    id = present(row, 'service').id;
  }
  if (input.shifts.length)
    await tx.insert(oncallShifts).values(
      input.shifts.map((s) => ({
        serviceId: id,
        weekday: s.weekday,
        starts: s.starts,
        ends: s.ends,
        officer: s.officer,
        phone: s.phone ?? null,
        email: s.email ?? null,
      })),
    );
  const service = present(await serviceById(tx, id), 'service');
  w.emit(oncallServiceSaved({ service, before, changes: changedFields(before, service) }));
  return service;
}

/** A holiday or a swap: somebody else on duty for a while. */
export async function addException(
  db: Db,
  actor: Principal,
  serviceId: number,
  input: {
    startsAt: string;
    endsAt: string;
    officer: string;
    phone?: string | null;
    email?: string | null;
    reason: string;
  },
): Promise<ServiceDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const before = await serviceById(w.tx, serviceId);
    if (!before) throw notFound('service');
    await w.tx.insert(oncallExceptions).values({
      serviceId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      officer: input.officer,
      phone: input.phone ?? null,
      email: input.email ?? null,
      reason: input.reason,
      createdBy: actor.userId,
    });
    return bump(w, before);
  });
  return result;
}

export async function removeException(db: Db, actor: Principal, serviceId: number, exceptionId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const before = await serviceById(w.tx, serviceId);
    if (!before) throw notFound('service');
    const gone = await w.tx
      .delete(oncallExceptions)
      .where(and(eq(oncallExceptions.id, exceptionId), eq(oncallExceptions.serviceId, serviceId)))
      .returning({ id: oncallExceptions.id });
    if (gone.length === 0) throw notFound('exception');
    return bump(w, before);
  });
  return result;
}

async function bump(w: WriteTx, before: ServiceDto): Promise<ServiceDto> {
  await w.tx
    .update(oncallServices)
    .set({ version: before.version + 1, updatedAt: new Date() })
    .where(eq(oncallServices.id, before.id));
  const service = present(await serviceById(w.tx, before.id), 'service');
  w.emit(oncallServiceSaved({ service, before, changes: ['exceptions'] }));
  return service;
}
