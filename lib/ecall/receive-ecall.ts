import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ecallMessages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { pgErrorCode } from '../errors';
import { ecallReceived } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { createIncident } from '../incidents/create-incident';
import { selectIncident } from '../incidents/incident-dto';
import { normalizePhone } from '../locations/phone';
import { recordLocationFix } from '../locations/record-location-fix';
import { PROPULSION_SL, type TEcallMsd } from './schemas';

// A car called: the MSD opens a traffic-accident incident at the car's position, flagged for a
// call-taker to confirm; a test call is recorded and nothing is dispatched. The same MSD delivered
// twice is answered with what the first delivery did.
export async function receiveEcall(db: Db, actor: Principal, msd: TEcallMsd) {
  const vin = msd.vehicleIdentificationNumber;
  const msdTimestamp = new Date(msd.timestamp * 1000);
  const identity = and(
    eq(ecallMessages.vin, vin),
    eq(ecallMessages.messageIdentifier, msd.messageIdentifier),
    eq(ecallMessages.msdTimestamp, msdTimestamp),
  );

  const write = () =>
    inWriteTx(db, actor, async (w) => {
      const [seen] = await w.tx.select().from(ecallMessages).where(identity);
      if (seen)
        return { ecallId: seen.id, duplicate: true, testCall: seen.testCall, incidentId: seen.incidentId };

      let incidentId: number | null = null;
      if (!msd.control.testCall) {
        const incident = await createIncident(
          w.tx,
          actor,
          {
            type: 'traffic_accident',
            priority: msd.control.automaticActivation ? 'red' : 'yellow',
            channel: 'ecall',
            description: summarise(msd),
            location: {
              lat: msd.vehicleLocation.latitude,
              lon: msd.vehicleLocation.longitude,
              // An untrusted position is marked as coarse so nobody mistakes it for a precise one.
              accuracyM: msd.control.positionCanBeTrusted ? 20 : 500,
              address: 'eCall',
            },
            caller: {
              phone: msd.callbackNumber ? (normalizePhone(msd.callbackNumber) ?? '') : '',
              name: `eCall ${vin}`,
            },
          },
          { flagged: true, notes: [vehicleNote(msd)] },
        );
        incidentId = incident.id;
      }
      const [row] = await w.tx
        .insert(ecallMessages)
        .values({
          vin,
          messageIdentifier: msd.messageIdentifier,
          msdTimestamp,
          automaticActivation: msd.control.automaticActivation,
          testCall: msd.control.testCall,
          incidentId,
          msd,
        })
        .returning({ id: ecallMessages.id });
      if (!row) throw new Error('eCall insert returned nothing');
      w.emit(
        ecallReceived({
          ecallId: row.id,
          vin,
          testCall: msd.control.testCall,
          automatic: msd.control.automaticActivation,
          incidentId,
        }),
      );
      return { ecallId: row.id, duplicate: false, testCall: msd.control.testCall, incidentId };
    });
  // Two deliveries of one MSD at the same instant: the unique index lets one win, the other re-reads.
  const { result } = await write().catch((err) => {
    if (pgErrorCode(err) === '23505') return write();
    throw err;
  });

  const phone = msd.callbackNumber ? normalizePhone(msd.callbackNumber) : null;
  if (phone && !result.duplicate) {
    await recordLocationFix(
      db,
      actor,
      {
        phone,
        source: 'ecall',
        lat: msd.vehicleLocation.latitude,
        lon: msd.vehicleLocation.longitude,
        accuracyM: msd.control.positionCanBeTrusted ? 20 : 500,
        confidencePct: null,
        method: 'gnss',
        fixAt: new Date(msd.timestamp * 1000),
        imei: null,
        imsi: null,
        details: { vin },
      },
      JSON.stringify(msd),
    );
  }
  const incident = result.incidentId ? await selectIncident(db, result.incidentId) : null;
  return { ...result, incident };
}

/** EN 15722 vehicle classes in the centre's working language (the stored text is read by people). */
const VEHICLE_CLASS_SL: Record<TEcallMsd['control']['vehicleType'], string> = {
  passengerVehicleClassM1: 'osebno vozilo (M1)',
  busesAndCoachesClassM2: 'avtobus (M2)',
  busesAndCoachesClassM3: 'avtobus (M3)',
  lightCommercialVehiclesClassN1: 'lahko gospodarsko vozilo (N1)',
  heavyDutyVehiclesClassN2: 'tovorno vozilo (N2)',
  heavyDutyVehiclesClassN3: 'težko tovorno vozilo (N3)',
  motorcyclesClassL1e: 'moped (L1e)',
  motorcyclesClassL2e: 'trikolesni moped (L2e)',
  motorcyclesClassL3e: 'motorno kolo (L3e)',
  motorcyclesClassL4e: 'motorno kolo s prikolico (L4e)',
  motorcyclesClassL5e: 'trikolesno motorno vozilo (L5e)',
  motorcyclesClassL6e: 'lahko štirikolo (L6e)',
  motorcyclesClassL7e: 'štirikolo (L7e)',
};

function summarise(msd: TEcallMsd): string {
  const how = msd.control.automaticActivation ? 'samodejni eCall (trčenje)' : 'ročni eCall (gumb SOS)';
  const people = msd.numberOfPassengers !== undefined ? `, potnikov: ${msd.numberOfPassengers}` : '';
  const trust = msd.control.positionCanBeTrusted ? '' : ' Položaj ni zanesljiv.';
  return `${how}, ${VEHICLE_CLASS_SL[msd.control.vehicleType]}${people}.${trust}`;
}

function vehicleNote(msd: TEcallMsd): string {
  const fuel = Object.entries(msd.vehiclePropulsionStorageType ?? {})
    .filter(([, v]) => v)
    .map(([k]) => PROPULSION_SL[k] ?? k);
  const lines = [
    `eCall MSD #${msd.messageIdentifier}, ${new Date(msd.timestamp * 1000).toISOString()}`,
    `VIN: ${msd.vehicleIdentificationNumber}`,
    `Vrsta vozila: ${VEHICLE_CLASS_SL[msd.control.vehicleType]}`,
    `Pogon: ${fuel.length ? fuel.join(', ') : 'ni podatka'}`,
    `Aktivacija: ${msd.control.automaticActivation ? 'samodejna' : 'ročna'}`,
    `Smer vožnje: ${msd.vehicleDirection ?? '?'}°`,
    `Potnikov: ${msd.numberOfPassengers ?? '?'}`,
    `Položaj zanesljiv: ${msd.control.positionCanBeTrusted ? 'da' : 'ne'}`,
  ];
  if (msd.callbackNumber) lines.push(`Povratna številka: ${msd.callbackNumber}`);
  return lines.join('\n');
}
