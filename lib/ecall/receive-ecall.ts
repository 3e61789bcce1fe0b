import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ecallMessages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { pgErrorCode } from '../errors';
import { ecallReceived } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { partnersSl, vehicleClassKey } from '../i18n/messages-partners';
import { createIncident } from '../incidents/create-incident';
import { selectIncident } from '../incidents/incident-dto';
import { normalizePhone } from '../locations/phone';
import { recordLocationFix } from '../locations/record-location-fix';
import { type EcallReport, interpretMsd } from './interpret-msd';
import type { ParsedEcall } from './schemas';

// A car called: the MSD opens a traffic-accident incident at the car's position, flagged for a
// call-taker to confirm; a test call is recorded and nothing is dispatched. An MSD without a usable
// position (the standard's "not available", or unreadable) is stored and waits on the call-takers'
// screens for the location (the call form opens prefilled; the incident is linked when saved).
// The same MSD delivered twice is answered with what the first delivery did.
export async function receiveEcall(db: Db, actor: Principal, input: ParsedEcall) {
  const report = interpretMsd(input.msd);
  const msdTimestamp = new Date(input.msd.timestamp * 1000);
  const identity = and(
    eq(ecallMessages.vin, report.vin),
    eq(ecallMessages.messageIdentifier, report.messageIdentifier),
    eq(ecallMessages.msdTimestamp, msdTimestamp),
  );
  const phone = input.callbackNumber ? normalizePhone(input.callbackNumber) : null;
  const stored = {
    ...input.msd,
    ...(input.msd.optionalAdditionalData
      ? {
          optionalAdditionalData: {
            oid: input.msd.optionalAdditionalData.oid,
            data: Buffer.from(input.msd.optionalAdditionalData.data).toString('hex'),
          },
        }
      : {}),
    ...(input.unknownVehicleType ? { vehicleTypeSent: input.unknownVehicleType } : {}),
    ...(input.callbackNumber ? { callbackNumber: input.callbackNumber } : {}),
  };

  const write = () =>
    inWriteTx(db, actor, async (w) => {
      const [seen] = await w.tx.select().from(ecallMessages).where(identity);
      if (seen)
        return {
          ecallId: seen.id,
          duplicate: true,
          testCall: seen.testCall,
          incidentId: seen.incidentId,
          doubts: seen.doubts,
        };

      let incidentId: number | null = null;
      if (!report.testCall && report.position) {
        const incident = await createIncident(
          w.tx,
          actor,
          {
            type: 'traffic_accident',
            priority: report.automaticActivation ? 'red' : 'yellow',
            channel: 'ecall',
            description: summarise(report),
            location: {
              lat: report.position.lat,
              lon: report.position.lon,
              // An untrusted position is marked as coarse so nobody mistakes it for a precise one.
              accuracyM: report.positionTrusted ? 20 : 500,
              address: 'eCall',
            },
            caller: { phone: phone ?? '', name: `eCall ${report.vin}` },
          },
          { flagged: true, notes: [vehicleNote(report, input)] },
        );
        incidentId = incident.id;
      }
      const [row] = await w.tx
        .insert(ecallMessages)
        .values({
          vin: report.vin,
          messageIdentifier: report.messageIdentifier,
          msdTimestamp,
          automaticActivation: report.automaticActivation,
          testCall: report.testCall,
          incidentId,
          msd: stored,
          msdVersion: report.msdVersion,
          encoding: input.encoding,
          raw: input.raw,
          doubts: report.doubts,
        })
        .returning({ id: ecallMessages.id });
      if (!row) throw new Error('eCall insert returned nothing');
      w.emit(
        ecallReceived({
          ecallId: row.id,
          vin: report.vin,
          testCall: report.testCall,
          automatic: report.automaticActivation,
          incidentId,
        }),
      );
      return {
        ecallId: row.id,
        duplicate: false,
        testCall: report.testCall,
        incidentId,
        doubts: report.doubts,
      };
    });
  // Two deliveries of one MSD at the same instant: the unique index lets one win, the other re-reads.
  const { result } = await write().catch((err) => {
    if (pgErrorCode(err) === '23505') return write();
    throw err;
  });

  if (phone && !result.duplicate) {
    await recordLocationFix(
      db,
      actor,
      {
        phone,
        source: 'ecall',
        lat: report.position?.lat ?? null,
        lon: report.position?.lon ?? null,
        accuracyM: report.position ? (report.positionTrusted ? 20 : 500) : null,
        confidencePct: null,
        method: report.position ? 'gnss' : 'none',
        fixAt: report.fixAt,
        imei: null,
        imsi: null,
        details: { vin: report.vin, msdVersion: String(report.msdVersion) },
        doubts: report.doubts,
      },
      input.raw,
    );
  }
  const incident = result.incidentId ? await selectIncident(db, result.incidentId) : null;
  return { ...result, needsLocation: !result.testCall && !result.incidentId, incident };
}

const PROPULSION_SL: Record<string, string> = {
  gasolineTankPresent: 'bencin',
  dieselTankPresent: 'dizel',
  compressedNaturalGas: 'stisnjen zemeljski plin (CNG)',
  liquidPropaneGas: 'utekočinjen naftni plin (LPG)',
  electricEnergyStorage: 'električna baterija',
  hydrogenStorage: 'vodik',
  otherStorage: 'drugo',
};

/** The vehicle class in the centre's working language (the stored text is read by people). */
const vehicleClassSl = (t: string) => partnersSl[vehicleClassKey(t)];

export function summarise(r: EcallReport): string {
  const how = r.automaticActivation ? 'samodejni eCall (trčenje)' : 'ročni eCall (gumb SOS)';
  const people = r.passengers !== null ? `, potnikov: ${r.passengers}` : '';
  const trust = !r.position
    ? ' Vozilo ni poslalo položaja: lokacijo ugotovite s klicočim.'
    : r.positionTrusted
      ? ''
      : ' Položaj ni zanesljiv.';
  return `${how}, ${vehicleClassSl(r.vehicleType)}${people}.${trust}`;
}

export function vehicleNote(r: EcallReport, input: Pick<ParsedEcall, 'encoding' | 'callbackNumber'>): string {
  const fuel = r.propulsion.map((k) => PROPULSION_SL[k] ?? k);
  const lines = [
    `eCall MSD v${r.msdVersion} #${r.messageIdentifier}, ${r.fixAt ? r.fixAt.toISOString() : 'čas ni znan'} (${input.encoding === 'uper' ? 'binarno' : 'JSON'})`,
    `VIN: ${r.vin}`,
    `Vrsta vozila: ${vehicleClassSl(r.vehicleType)}`,
    `Pogon: ${fuel.length ? fuel.join(', ') : 'ni podatka'}`,
    `Aktivacija: ${r.automaticActivation ? 'samodejna' : 'ročna'}`,
    `Smer vožnje: ${r.directionDeg === null ? 'ni znana' : `${r.directionDeg}°`}`,
    `Potnikov: ${r.passengers ?? 'ni podatka'}`,
    `Položaj zanesljiv: ${!r.position ? 'ni položaja' : r.positionTrusted ? 'da' : 'ne'}`,
  ];
  if (r.recentPositions.length)
    lines.push(
      `Prejšnja položaja: ${r.recentPositions.map((p) => `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`).join('; ')}`,
    );
  if (r.additionalData)
    lines.push(`Dodatni podatki (OID ${r.additionalData.oid}): ${r.additionalData.dataHex}`);
  if (input.callbackNumber) lines.push(`Povratna številka: ${input.callbackNumber}`);
  return lines.join('\n');
}
