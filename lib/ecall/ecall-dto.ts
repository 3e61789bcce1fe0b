import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ecallMessages, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound } from '../errors';
import { ecallReceived } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { interpretMsd } from './interpret-msd';
import type { Msd } from './msd-uper';
import { summarise, vehicleNote } from './receive-ecall';

/** A received eCall as the call-taker's screen shows it (codes labelled there). */
export interface EcallDto {
  id: number;
  msdVersion: number;
  encoding: string;
  vin: string;
  vehicleType: string;
  automaticActivation: boolean;
  testCall: boolean;
  passengers: number | null;
  directionDeg: number | null;
  position: { lat: number; lon: number } | null;
  positionTrusted: boolean;
  fixAt: string | null;
  callbackNumber: string | null;
  incidentId: number | null;
  receivedAt: string;
  /** The incident's description and vehicle note, ready for the call form. */
  summary: string;
  note: string;
  doubts: string[];
}

type Row = typeof ecallMessages.$inferSelect;

function toMsd(stored: Record<string, unknown>): Msd {
  // The stored JSON is the decoded MSD (additional data as hex); older rows used degrees and names
  // of the earlier JSON form, read as such.
  const s = stored as Partial<Omit<Msd, 'vehicleLocation' | 'optionalAdditionalData'>> & {
    vehicleLocation?: {
      latitude?: number;
      longitude?: number;
      positionLatitude?: number;
      positionLongitude?: number;
    };
    optionalAdditionalData?: { oid: string; data: string };
  };
  const loc = s.vehicleLocation ?? {};
  const lat =
    loc.positionLatitude ?? (loc.latitude !== undefined ? Math.round(loc.latitude * 3_600_000) : 2147483647);
  const lon =
    loc.positionLongitude ??
    (loc.longitude !== undefined ? Math.round(loc.longitude * 3_600_000) : 2147483647);
  return {
    id: s.id ?? 2,
    messageIdentifier: s.messageIdentifier ?? 0,
    control: s.control ?? {
      automaticActivation: false,
      testCall: false,
      positionCanBeTrusted: false,
      vehicleType: 'extension:0',
    },
    vehicleIdentificationNumber: s.vehicleIdentificationNumber ?? '',
    vehiclePropulsionStorageType: s.vehiclePropulsionStorageType ?? {},
    timestamp: s.timestamp ?? 0,
    vehicleLocation: { positionLatitude: lat, positionLongitude: lon },
    vehicleDirection: s.vehicleDirection ?? 255,
    ...(s.recentVehicleLocationN1 ? { recentVehicleLocationN1: s.recentVehicleLocationN1 } : {}),
    ...(s.recentVehicleLocationN2 ? { recentVehicleLocationN2: s.recentVehicleLocationN2 } : {}),
    ...(s.numberOfPassengers !== undefined ? { numberOfPassengers: s.numberOfPassengers } : {}),
    ...(s.optionalAdditionalData
      ? {
          optionalAdditionalData: {
            oid: s.optionalAdditionalData.oid,
            data: Buffer.from(s.optionalAdditionalData.data, 'hex'),
          },
        }
      : {}),
    ...(s.additionalDataTruncated ? { additionalDataTruncated: true } : {}),
  };
}

export function ecallDto(row: Row): EcallDto {
  const stored = row.msd as Record<string, unknown>;
  const report = interpretMsd(toMsd(stored), row.receivedAt.getTime());
  const callbackNumber = typeof stored.callbackNumber === 'string' ? stored.callbackNumber : null;
  return {
    id: row.id,
    msdVersion: row.msdVersion,
    encoding: row.encoding,
    vin: report.vin,
    vehicleType: report.vehicleType,
    automaticActivation: report.automaticActivation,
    testCall: report.testCall,
    passengers: report.passengers,
    directionDeg: report.directionDeg,
    position: report.position,
    positionTrusted: report.positionTrusted,
    fixAt: report.fixAt?.toISOString() ?? null,
    callbackNumber,
    incidentId: row.incidentId,
    receivedAt: row.receivedAt.toISOString(),
    summary: summarise(report),
    note: vehicleNote(report, { encoding: row.encoding === 'uper' ? 'uper' : 'json', callbackNumber }),
    doubts: row.doubts,
  };
}

/** eCalls of the last day that opened no incident and are no test: they wait for a location. */
export async function listPendingEcalls(db: Db): Promise<EcallDto[]> {
  const rows = await db
    .select()
    .from(ecallMessages)
    .where(
      and(
        isNull(ecallMessages.incidentId),
        eq(ecallMessages.testCall, false),
        gt(ecallMessages.receivedAt, sql`now() - interval '24 hours'`),
      ),
    )
    .orderBy(desc(ecallMessages.receivedAt))
    .limit(50);
  return rows.map(ecallDto);
}

export async function getEcall(db: Db, id: number): Promise<EcallDto> {
  const [row] = await db.select().from(ecallMessages).where(eq(ecallMessages.id, id));
  if (!row) throw notFound('eCall');
  return ecallDto(row);
}

/** The incident a call-taker opened for a waiting eCall (with the location learned on the call). */
export async function linkEcall(db: Db, actor: Principal, id: number, incidentId: number): Promise<EcallDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx.select().from(ecallMessages).where(eq(ecallMessages.id, id)).for('update');
    if (!row) throw notFound('eCall');
    if (row.incidentId === incidentId) return ecallDto(row);
    if (row.incidentId !== null)
      throw new AppError('conflict', 'this eCall already belongs to another incident', [
        { field: 'id', message: `linked to incident ${row.incidentId}` },
      ]);
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc)
      throw new AppError('validation_failed', 'no such incident', [
        { field: 'body.incidentId', message: 'not found' },
      ]);
    const [updated] = await w.tx
      .update(ecallMessages)
      .set({ incidentId })
      .where(eq(ecallMessages.id, id))
      .returning();
    if (!updated) throw new Error('eCall link not stored');
    const dto = ecallDto(updated);
    await writeNote(w, incidentId, dto.note, authorOf(actor));
    w.emit(
      ecallReceived({
        ecallId: id,
        vin: dto.vin,
        testCall: dto.testCall,
        automatic: dto.automaticActivation,
        incidentId,
      }),
    );
    return dto;
  });
  return result;
}
