import type { Msd, PropulsionKey } from './msd-uper';

// What an MSD says, in the centre's units, with the standard's reserved values read as "unknown"
// (never as a place, a time or an angle) and every doubt named for the call-taker.

export const ECALL_DOUBTS = [
  'position_unavailable',
  'position_unreadable',
  'position_untrusted',
  'time_unknown',
  'time_future',
  'direction_unreadable',
  'vin_unreadable',
  'vehicle_class_unknown',
  'additional_data_truncated',
  'newer_msd_version',
] as const;
export type EcallDoubt = (typeof ECALL_DOUBTS)[number];

/** LatitudeType/LongitudeType valueNotAvailable (EN 15722:2015 and :2020). */
export const POSITION_NOT_AVAILABLE = 2147483647;
/** vehicleDirection: 255 = direction unknown; 0–179 are 2° steps. */
export const DIRECTION_UNKNOWN = 255;
const MAS_PER_DEGREE = 3_600_000;
/** Deltas of the recent positions are in steps of 100 milliarcseconds. */
const DELTA_MAS = 100;
/** The newest MSD format the decoder knows in full (EN 15722:2020). */
const KNOWN_VERSION = 3;

export interface EcallReport {
  msdVersion: number;
  messageIdentifier: number;
  vin: string;
  /** The standard's name of the class, or `extension:N` for one this centre's software does not know. */
  vehicleType: string;
  automaticActivation: boolean;
  testCall: boolean;
  positionTrusted: boolean;
  /** Degrees (WGS 84); null when the car did not know or sent something unreadable. */
  position: { lat: number; lon: number } | null;
  /** The two earlier positions (degrees), oldest last; each only with a known position. */
  recentPositions: { lat: number; lon: number }[];
  /** When the MSD was made; null for the reserved 0. */
  fixAt: Date | null;
  /** Degrees from north (the coded 2° steps × 2); null when unknown. */
  directionDeg: number | null;
  passengers: number | null;
  propulsion: PropulsionKey[];
  additionalData: { oid: string; dataHex: string } | null;
  doubts: EcallDoubt[];
}

export function interpretMsd(msd: Msd, now = Date.now()): EcallReport {
  const doubts: EcallDoubt[] = [];
  const { positionLatitude: la, positionLongitude: lo } = msd.vehicleLocation;
  let position: EcallReport['position'] = null;
  if (la === POSITION_NOT_AVAILABLE || lo === POSITION_NOT_AVAILABLE) doubts.push('position_unavailable');
  else if (Math.abs(la) > 90 * MAS_PER_DEGREE || Math.abs(lo) > 180 * MAS_PER_DEGREE)
    doubts.push('position_unreadable');
  else position = { lat: la / MAS_PER_DEGREE, lon: lo / MAS_PER_DEGREE };
  if (position && !msd.control.positionCanBeTrusted) doubts.push('position_untrusted');

  const recentPositions: EcallReport['recentPositions'] = [];
  if (position) {
    let lat = la;
    let lon = lo;
    for (const d of [msd.recentVehicleLocationN1, msd.recentVehicleLocationN2]) {
      if (!d) break;
      lat += d.latitudeDelta * DELTA_MAS;
      lon += d.longitudeDelta * DELTA_MAS;
      recentPositions.push({ lat: lat / MAS_PER_DEGREE, lon: lon / MAS_PER_DEGREE });
    }
  }

  let fixAt: Date | null = null;
  if (msd.timestamp === 0) doubts.push('time_unknown');
  else {
    fixAt = new Date(msd.timestamp * 1000);
    if (fixAt.getTime() > now + 86_400_000) doubts.push('time_future');
  }

  let directionDeg: number | null = null;
  if (msd.vehicleDirection <= 179) directionDeg = msd.vehicleDirection * 2;
  else if (msd.vehicleDirection !== DIRECTION_UNKNOWN) doubts.push('direction_unreadable');

  if (!/^[0-9A-HJ-NPR-Z]{17}$/.test(msd.vehicleIdentificationNumber)) doubts.push('vin_unreadable');
  if (msd.control.vehicleType.startsWith('extension:')) doubts.push('vehicle_class_unknown');
  if (msd.additionalDataTruncated) doubts.push('additional_data_truncated');
  if (msd.id > KNOWN_VERSION || msd.skippedExtensions) doubts.push('newer_msd_version');

  return {
    msdVersion: msd.id,
    messageIdentifier: msd.messageIdentifier,
    vin: msd.vehicleIdentificationNumber,
    vehicleType: msd.control.vehicleType,
    automaticActivation: msd.control.automaticActivation,
    testCall: msd.control.testCall,
    positionTrusted: msd.control.positionCanBeTrusted,
    position,
    recentPositions,
    fixAt,
    directionDeg,
    passengers: msd.numberOfPassengers ?? null,
    propulsion: (Object.entries(msd.vehiclePropulsionStorageType) as [PropulsionKey, boolean][])
      .filter(([, v]) => v)
      .map(([k]) => k),
    additionalData: msd.optionalAdditionalData
      ? {
          oid: msd.optionalAdditionalData.oid,
          dataHex: Buffer.from(msd.optionalAdditionalData.data).toString('hex'),
        }
      : null,
    doubts,
  };
}
