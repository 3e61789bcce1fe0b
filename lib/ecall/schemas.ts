import { z } from 'zod';
import { AppError } from '../errors';
import { fieldErrors } from '../validation';
import { decodeMsd, type Msd, MsdDecodeError, PROPULSION_KEYS, VEHICLE_TYPES } from './msd-uper';

// An eCall MSD (EN 15722) as it reaches POST /api/ecall:
// - the standard's binary (ASN.1 UPER) as application/emergencyCallData.eCall.MSD (RFC 8147) or
//   application/octet-stream, or written out as hex or base64 in text/plain;
// - JSON with the standard's element names and the standard's units (milliarcseconds, 2° steps,
//   the reserved values), i.e. the MSD's value notation. Our earlier JSON form, a position given
//   as `latitude`/`longitude`, is read as degrees because those names declare degrees; a value's
//   size never decides its unit.

const int = (min: number, max: number) => z.number().int().min(min).max(max);

const ZDelta = z.object({ latitudeDelta: int(-512, 511), longitudeDelta: int(-512, 511) });

const ZVin = z.union([
  z.string().max(40),
  z
    .object({
      isowmi: z.string().max(3),
      isovds: z.string().max(6),
      isovisModelyear: z.string().max(1),
      isovisSeqPlant: z.string().max(7),
    })
    .transform((v) => v.isowmi + v.isovds + v.isovisModelyear + v.isovisSeqPlant),
]);

const ZLocation = z.union([
  z.object({
    positionLatitude: int(-(2 ** 31), 2 ** 31 - 1),
    positionLongitude: int(-(2 ** 31), 2 ** 31 - 1),
  }),
  // Degrees, as some gateways decode it (the names say so); out of range stays unreadable, not rescaled.
  z.object({ latitude: z.number().finite(), longitude: z.number().finite() }).transform((v) =>
    Math.abs(v.latitude) <= 90 && Math.abs(v.longitude) <= 180
      ? {
          positionLatitude: Math.round(v.latitude * 3_600_000),
          positionLongitude: Math.round(v.longitude * 3_600_000),
        }
      : { positionLatitude: 2 ** 31 - 2, positionLongitude: 2 ** 31 - 2 },
  ),
]);

export const ZEcallJson = z.object({
  /** ECallMessage.id: the MSD format version (default 2). */
  id: int(1, 255).optional(),
  messageIdentifier: int(0, 255),
  control: z.object({
    automaticActivation: z.boolean(),
    testCall: z.boolean(),
    positionCanBeTrusted: z.boolean(),
    vehicleType: z.string().max(60),
  }),
  vehicleIdentificationNumber: ZVin,
  vehiclePropulsionStorageType: z.partialRecord(z.enum(PROPULSION_KEYS), z.boolean()).optional(),
  /** Seconds since 1970 (UTC); 0 = unknown. */
  timestamp: int(0, 4294967295),
  vehicleLocation: ZLocation,
  /** 0–179 in 2° steps; 255 = unknown. */
  vehicleDirection: int(0, 255).optional(),
  recentVehicleLocationN1: ZDelta.optional(),
  recentVehicleLocationN2: ZDelta.optional(),
  numberOfPassengers: int(0, 255).optional(),
  optionalAdditionalData: z
    .object({
      oid: z.string().regex(/^\d{1,9}(\.\d{1,9}){0,15}$/, 'a relative OID such as 8.1'),
      /** The data octets as hex. */
      data: z.string().regex(/^([0-9a-fA-F]{2}){0,200}$/, 'hex octets'),
    })
    .optional(),
  /** Not part of the MSD: the number to call back (from the call's SIP headers). */
  callbackNumber: z.string().max(32).optional(),
});

export type TEcallJson = z.infer<typeof ZEcallJson>;

/** The JSON form as an Msd (the same structure the binary decodes to). */
export function msdFromJson(j: TEcallJson): Msd {
  const vt = j.control.vehicleType;
  const known = (VEHICLE_TYPES as readonly string[]).includes(vt);
  return {
    id: j.id ?? 2,
    messageIdentifier: j.messageIdentifier,
    control: {
      automaticActivation: j.control.automaticActivation,
      testCall: j.control.testCall,
      positionCanBeTrusted: j.control.positionCanBeTrusted,
      vehicleType: known ? (vt as Msd['control']['vehicleType']) : `extension:${0}`,
    },
    vehicleIdentificationNumber: j.vehicleIdentificationNumber,
    vehiclePropulsionStorageType: j.vehiclePropulsionStorageType ?? {},
    timestamp: j.timestamp,
    vehicleLocation: j.vehicleLocation,
    vehicleDirection: j.vehicleDirection ?? 255,
    ...(j.recentVehicleLocationN1 ? { recentVehicleLocationN1: j.recentVehicleLocationN1 } : {}),
    ...(j.recentVehicleLocationN2 ? { recentVehicleLocationN2: j.recentVehicleLocationN2 } : {}),
    ...(j.numberOfPassengers !== undefined ? { numberOfPassengers: j.numberOfPassengers } : {}),
    ...(j.optionalAdditionalData
      ? {
          optionalAdditionalData: {
            oid: j.optionalAdditionalData.oid,
            data: Buffer.from(j.optionalAdditionalData.data, 'hex'),
          },
        }
      : {}),
  };
}

export const ZEcallQuery = z.object({
  /** The number to call back, for a binary MSD (the call's P-Asserted-Identity). */
  callback: z.string().max(32).optional(),
});

export interface ParsedEcall {
  msd: Msd;
  encoding: 'uper' | 'json';
  /** As received: hex of the binary, or the JSON text. */
  raw: string;
  callbackNumber: string | null;
  /** The class name a JSON sender used when it is not one of the standard's. */
  unknownVehicleType?: string;
}

const MSD_TYPES = /^(application\/emergencycalldata\.ecall\.msd|application\/octet-stream)\b/;

/** Reads the body by its declared media type; refuses only what cannot be an MSD. */
export function parseEcallBody(
  body: { text: string; bytes: Buffer; contentType: string },
  callback: string | undefined,
): ParsedEcall {
  const ct = body.contentType;
  if (/^application\/json\b/.test(ct)) {
    let value: unknown;
    try {
      value = JSON.parse(body.text);
    } catch {
      throw new AppError('bad_request', 'malformed JSON', [{ field: 'body', message: 'not valid JSON' }]);
    }
    const parsed = ZEcallJson.safeParse(value);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error, 'body');
      throw new AppError('validation_failed', `invalid ${fields.map((f) => f.field).join(', ')}`, fields);
    }
    const msd = msdFromJson(parsed.data);
    const vt = parsed.data.control.vehicleType;
    return {
      msd,
      encoding: 'json',
      raw: body.text.slice(0, 8000),
      callbackNumber: parsed.data.callbackNumber ?? callback ?? null,
      ...(msd.control.vehicleType.startsWith('extension:') ? { unknownVehicleType: vt } : {}),
    };
  }
  let bytes: Buffer;
  if (MSD_TYPES.test(ct)) bytes = body.bytes;
  else if (/^text\/plain\b/.test(ct)) {
    const t = body.text.replace(/\s+/g, '');
    if (/^([0-9a-fA-F]{2})+$/.test(t)) bytes = Buffer.from(t, 'hex');
    else if (/^[A-Za-z0-9+/]+={0,2}$/.test(t)) bytes = Buffer.from(t, 'base64');
    else
      throw new AppError('validation_failed', 'text/plain carries the MSD as hex or base64', [
        { field: 'body', message: 'hex or base64 of the binary MSD' },
      ]);
  } else
    throw new AppError('unsupported_media_type', 'an MSD comes as binary, hex/base64 text or JSON', [
      {
        field: 'content-type',
        message:
          'application/emergencyCallData.eCall.MSD, application/octet-stream, text/plain or application/json',
      },
    ]);
  try {
    return {
      msd: decodeMsd(bytes),
      encoding: 'uper',
      raw: bytes.toString('hex'),
      callbackNumber: callback ?? null,
    };
  } catch (err) {
    if (err instanceof MsdDecodeError)
      throw new AppError('validation_failed', `not a readable MSD: ${err.message}`, [
        { field: 'body', message: err.message },
      ]);
    throw err;
  }
}
