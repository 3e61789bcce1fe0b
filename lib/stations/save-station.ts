import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { agencies, centres, stations } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { centreAtSql } from '../centres/centre-at';
import { AppError, notFound, present } from '../errors';
import { stationSaved } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { assertValidPolygon, polygonGeographySql, ZPolygon } from '../geo/polygon';
import { pointSql } from '../geo/sql';
import { ZId } from '../validation';
import { listStations, type StationDto } from './list-stations';

const ZStationFields = {
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, '2–20 capitals, digits and -'),
  name: z.string().trim().min(1).max(120),
  agency: z.string().trim().min(1).max(40),
  address: z.string().trim().max(200),
  position: z.object({
    lat: z.number().finite().min(-90).max(90),
    lon: z.number().finite().min(-180).max(180),
  }),
  /** The service area drawn on the map; null removes it. */
  serviceArea: ZPolygon.nullable(),
  /** Where a 112 call is transferred to reach this service; null: not a transfer target. */
  transferUri: z
    .string()
    .trim()
    .max(200)
    .regex(/^(sips?:[^\s@]+@[^\s@]+|tel:\+?[0-9][0-9-]*)$/, 'a sip:, sips: or tel: address')
    .nullable(),
  /** The centre whose region the station serves; on creation, the region of its position when left out. */
  centreId: ZId,
};

export const ZCreateStation = z.object({
  ...ZStationFields,
  address: ZStationFields.address.default(''),
  serviceArea: ZStationFields.serviceArea.default(null),
  transferUri: ZStationFields.transferUri.default(null),
  centreId: ZStationFields.centreId.optional(),
});
export const ZUpdateStation = z
  .object(ZStationFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type TUpdateStation = z.infer<typeof ZUpdateStation>;

/** Creates (id null) or changes a station; the event carries the station before and after. */
export async function saveStation(db: Db, actor: Principal, id: number | null, input: TUpdateStation) {
  if (input.serviceArea) await assertValidPolygon(db, input.serviceArea, 'body.serviceArea');
  const position = input.position ? pointSql(input.position.lat, input.position.lon) : undefined;
  const { result } = await inWriteTx(db, actor, async (w) => {
    let agencyId: number | undefined;
    if (input.agency !== undefined) {
      const [a] = await w.tx
        .select({ id: agencies.id })
        .from(agencies)
        .where(eq(agencies.code, input.agency));
      if (!a)
        throw new AppError('validation_failed', 'no such agency', [
          { field: 'body.agency', message: 'no such agency' },
        ]);
      agencyId = a.id;
    }
    const values = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(agencyId !== undefined ? { agencyId } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(position ? { position } : {}),
      ...(input.transferUri !== undefined ? { transferUri: input.transferUri } : {}),
      ...(input.centreId !== undefined ? { centreId: input.centreId } : {}),
      ...(input.serviceArea !== undefined
        ? { serviceArea: input.serviceArea ? polygonGeographySql(input.serviceArea) : null }
        : {}),
    };
    if (input.centreId !== undefined) {
      const [c] = await w.tx.select({ id: centres.id }).from(centres).where(eq(centres.id, input.centreId));
      if (!c)
        throw new AppError('validation_failed', 'no such centre', [
          { field: 'body.centreId', message: 'no such centre' },
        ]);
    }
    const before = id === null ? null : await findStation(w.tx, id);
    if (id !== null && !before) throw notFound('station');
    if (input.code !== undefined) {
      const [taken] = await w.tx
        .select({ id: stations.id })
        .from(stations)
        .where(eq(stations.code, input.code));
      if (taken && taken.id !== id)
        throw new AppError('conflict', 'station code taken', [
          { field: 'body.code', message: 'another station has this code' },
        ]);
    }
    let stationId = id;
    if (id === null) {
      const { code, name } = input;
      if (!code || !name || agencyId === undefined || !position) throw new Error('create needs all fields');
      const [row] = await w.tx
        .insert(stations)
        .values({
          ...values,
          code,
          name,
          agencyId,
          position,
          centreId: input.centreId ?? centreAtSql(input.position?.lat ?? 0, input.position?.lon ?? 0),
        })
        .returning({ id: stations.id });
      stationId = row?.id ?? null;
    } else {
      await w.tx.update(stations).set(values).where(eq(stations.id, id));
    }
    if (stationId === null) throw new Error('station insert returned nothing');
    const station = present(await findStation(w.tx, stationId), 'station');
    w.emit(stationSaved({ station, before: before ?? null, changes: Object.keys(input) }));
    return station;
  });
  return result;
}

async function findStation(db: Db, id: number): Promise<StationDto | undefined> {
  const [s] = await listStations(db, { id });
  return s;
}
