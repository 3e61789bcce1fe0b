// The eCall minimum set of data (EN 15722) in the standard's own encoding, ASN.1 unaligned PER, for
// the fixed MSD schema of every published version:
//   v1 (EN 15722:2011)  ECallMessage ::= SEQUENCE { id INTEGER(0..255), msd MSDMessage }
//   v2 (EN 15722:2015), v3 (EN 15722:2020)
//                       ECallMessage ::= SEQUENCE { id INTEGER(0..255), msd OCTET STRING (CONTAINING MSDMessage) }
// MSDMessage ::= SEQUENCE { msdStructure MSDStructure, optionalAdditionalData AdditionalData OPTIONAL, ... }
// MSDStructure ::= SEQUENCE { messageIdentifier INTEGER(0..255), control ControlType, vehicleIdentificationNumber VIN,
//   vehiclePropulsionStorageType VehiclePropulsionStorageType, timestamp INTEGER(0..4294967295),
//   vehicleLocation VehicleLocation, vehicleDirection INTEGER(0..255), recentVehicleLocationN1 … OPTIONAL,
//   recentVehicleLocationN2 … OPTIONAL, numberOfPassengers INTEGER(0..255) OPTIONAL, ... }
// The values stay as the standard codes them (milliarcseconds, 2° steps, reserved values); what they
// mean is read in interpret-msd.ts. No npm package decodes UPER for this schema, so this does, and
// encodes too (for tests and tools), both directions tested against each other and third-party bytes.

export const VEHICLE_TYPES = [
  'passengerVehicleClassM1',
  'busesAndCoachesClassM2',
  'busesAndCoachesClassM3',
  'lightCommercialVehiclesClassN1',
  'heavyDutyVehiclesClassN2',
  'heavyDutyVehiclesClassN3',
  'motorcyclesClassL1e',
  'motorcyclesClassL2e',
  'motorcyclesClassL3e',
  'motorcyclesClassL4e',
  'motorcyclesClassL5e',
  'motorcyclesClassL6e',
  'motorcyclesClassL7e',
] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const PROPULSION_KEYS = [
  'gasolineTankPresent',
  'dieselTankPresent',
  'compressedNaturalGas',
  'liquidPropaneGas',
  'electricEnergyStorage',
  'hydrogenStorage',
  'otherStorage',
] as const;
export type PropulsionKey = (typeof PROPULSION_KEYS)[number];

/** VIN characters (ISO 3779, no I, O, Q) in the order of the PermittedAlphabet: a 6-bit index each. */
const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

export interface LocationDelta {
  latitudeDelta: number;
  longitudeDelta: number;
}

/** An MSD with the standard's element names and coded values. */
export interface Msd {
  /** ECallMessage.id: the MSD format version. */
  id: number;
  messageIdentifier: number;
  control: {
    automaticActivation: boolean;
    testCall: boolean;
    positionCanBeTrusted: boolean;
    /** A root value's name, or `extension:N` for a value added after the root (a later MSD version). */
    vehicleType: VehicleType | `extension:${number}`;
  };
  vehicleIdentificationNumber: string;
  vehiclePropulsionStorageType: Partial<Record<PropulsionKey, boolean>>;
  /** Seconds since 1970-01-01 UTC; 0 = unknown. */
  timestamp: number;
  /** Milliarcseconds; 2147483647 = not available. */
  vehicleLocation: { positionLatitude: number; positionLongitude: number };
  /** 0–179 in 2° steps from magnetic north; 255 = unknown. */
  vehicleDirection: number;
  /** Steps of 100 milliarcseconds from the position before. */
  recentVehicleLocationN1?: LocationDelta;
  recentVehicleLocationN2?: LocationDelta;
  numberOfPassengers?: number;
  optionalAdditionalData?: { oid: string; data: Uint8Array };
  /** Extension additions the decoder skipped (a newer MSD than it knows): counted, kept in the bytes. */
  skippedExtensions?: number;
  /** The presence bit said additional data follows and the bytes ended first. */
  additionalDataTruncated?: boolean;
}

export class MsdDecodeError extends Error {}

class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get bitsLeft() {
    return this.bytes.length * 8 - this.pos;
  }
  get position() {
    return this.pos;
  }
  bits(n: number): number {
    if (n > this.bitsLeft)
      throw new MsdDecodeError(`MSD ends early: ${n} more bits needed at bit ${this.pos}`);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.bytes[(this.pos + i) >> 3] ?? 0;
      v = v * 2 + ((byte >> (7 - ((this.pos + i) & 7))) & 1);
    }
    this.pos += n;
    return v;
  }
  bool(): boolean {
    return this.bits(1) === 1;
  }
  octets(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bits(8);
    return out;
  }
  /** X.691 §11.9 unconstrained length determinant (lengths below 16384). */
  length(): number {
    if (!this.bool()) return this.bits(7);
    if (!this.bool()) return this.bits(14);
    throw new MsdDecodeError('fragmented length: not an MSD');
  }
  /** X.691 §11.6 normally small non-negative whole number. */
  smallNumber(): number {
    return this.bool() ? this.bits(this.length() * 8) : this.bits(6);
  }
  skip(n: number) {
    this.bits(n);
  }
}

class BitWriter {
  private readonly bitsOut: number[] = [];
  bits(n: number, v: number) {
    for (let i = n - 1; i >= 0; i--) this.bitsOut.push(Math.floor(v / 2 ** i) % 2);
  }
  bool(b: boolean) {
    this.bits(1, b ? 1 : 0);
  }
  octets(bytes: Uint8Array) {
    for (const b of bytes) this.bits(8, b);
  }
  length(n: number) {
    if (n < 128) this.bits(8, n);
    else if (n < 16384) this.bits(16, 0x8000 + n);
    else throw new RangeError('length too large');
  }
  toBytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bitsOut.length / 8));
    this.bitsOut.forEach((b, i) => {
      if (b) out[i >> 3] = (out[i >> 3] ?? 0) | (0x80 >> (i & 7));
    });
    return out;
  }
}

function propulsionKeys(version: number): readonly PropulsionKey[] {
  // otherStorage was added in EN 15722:2015 (MSD v2) as a root component.
  return version >= 2 ? PROPULSION_KEYS : PROPULSION_KEYS.slice(0, 6);
}

/** Decodes an ECallMessage (any version); throws MsdDecodeError on bytes that are not one. */
export function decodeMsd(bytes: Uint8Array): Msd {
  if (bytes.length < 10 || bytes.length > 1000)
    throw new MsdDecodeError(`an MSD is 10–140 bytes (here ${bytes.length})`);
  const r = new BitReader(bytes);
  const id = r.bits(8);
  if (id === 0) throw new MsdDecodeError('MSD format version 0 does not exist');
  if (id === 1) return { id, ...decodeMsdMessage(r, 1) };
  const len = r.length();
  if (len * 8 > r.bitsLeft)
    throw new MsdDecodeError(`the MSD says ${len} bytes follow, ${r.bitsLeft >> 3} do`);
  const inner = new BitReader(r.octets(len));
  return { id, ...decodeMsdMessage(inner, id) };
}

function decodeMsdMessage(r: BitReader, version: number): Omit<Msd, 'id'> {
  const messageExtended = r.bool();
  const hasAdditional = r.bool();
  const structExtended = r.bool();
  const hasN1 = r.bool();
  const hasN2 = r.bool();
  const hasPassengers = r.bool();
  const messageIdentifier = r.bits(8);
  const automaticActivation = r.bool();
  const testCall = r.bool();
  const positionCanBeTrusted = r.bool();
  const vehicleType: Msd['control']['vehicleType'] = r.bool()
    ? `extension:${r.smallNumber()}`
    : (VEHICLE_TYPES[r.bits(4)] ?? `extension:${99}`);
  let vin = '';
  for (let i = 0; i < 17; i++) vin += VIN_ALPHABET[r.bits(6)] ?? '?';
  const propulsionExtended = r.bool();
  const keys = propulsionKeys(version);
  const present = keys.map(() => r.bool());
  const propulsion: Msd['vehiclePropulsionStorageType'] = {};
  keys.forEach((k, i) => {
    if (present[i]) propulsion[k] = r.bool();
  });
  let skipped = 0;
  if (propulsionExtended) skipped += skipExtensions(r);
  const timestamp = r.bits(32);
  const positionLatitude = r.bits(32) - 2 ** 31;
  const positionLongitude = r.bits(32) - 2 ** 31;
  const vehicleDirection = r.bits(8);
  const delta = (): LocationDelta => ({ latitudeDelta: r.bits(10) - 512, longitudeDelta: r.bits(10) - 512 });
  const recentVehicleLocationN1 = hasN1 ? delta() : undefined;
  const recentVehicleLocationN2 = hasN2 ? delta() : undefined;
  const numberOfPassengers = hasPassengers ? r.bits(8) : undefined;
  if (structExtended) skipped += skipExtensions(r);
  let optionalAdditionalData: Msd['optionalAdditionalData'];
  let additionalDataTruncated = false;
  if (hasAdditional) {
    // Some in-vehicle systems set the presence bit and send no data: the MSD before it is whole.
    try {
      const oid = relativeOid(r.octets(r.length()));
      const data = r.octets(r.length());
      optionalAdditionalData = { oid, data };
    } catch (err) {
      if (!(err instanceof MsdDecodeError)) throw err;
      additionalDataTruncated = true;
    }
  }
  if (messageExtended && !additionalDataTruncated) skipped += skipExtensions(r);
  return {
    messageIdentifier,
    control: { automaticActivation, testCall, positionCanBeTrusted, vehicleType },
    vehicleIdentificationNumber: vin,
    vehiclePropulsionStorageType: propulsion,
    timestamp,
    vehicleLocation: { positionLatitude, positionLongitude },
    vehicleDirection,
    ...(recentVehicleLocationN1 ? { recentVehicleLocationN1 } : {}),
    ...(recentVehicleLocationN2 ? { recentVehicleLocationN2 } : {}),
    ...(numberOfPassengers !== undefined ? { numberOfPassengers } : {}),
    ...(optionalAdditionalData ? { optionalAdditionalData } : {}),
    ...(skipped ? { skippedExtensions: skipped } : {}),
    ...(additionalDataTruncated ? { additionalDataTruncated } : {}),
  };
}

/** X.691 §19.7–19.9: a bitmap of extension additions, each an open type (length + bytes) skipped. */
function skipExtensions(r: BitReader): number {
  const n = r.smallNumber() + 1;
  const present = Array.from({ length: n }, () => r.bool());
  let count = 0;
  for (const p of present)
    if (p) {
      r.skip(r.length() * 8);
      count++;
    }
  return count;
}

/** RELATIVE-OID contents (X.690 §8.20): base-128 arcs, high bit = more to come; "8.1" style. */
function relativeOid(bytes: Uint8Array): string {
  const arcs: number[] = [];
  let v = 0;
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

function relativeOidBytes(oid: string): Uint8Array {
  const out: number[] = [];
  for (const arc of oid.split('.').map(Number)) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(v % 128);
      v = Math.floor(v / 128);
    } while (v > 0);
    groups.forEach((g, i) => {
      out.push(i < groups.length - 1 ? g | 0x80 : g);
    });
  }
  return Uint8Array.from(out);
}

/** Encodes an MSD the way an in-vehicle system does (for tests, tools and a PSAP simulator). */
export function encodeMsd(msd: Msd): Uint8Array {
  const w = new BitWriter();
  const m = msd;
  w.bool(false); // MSDMessage extension
  w.bool(!!m.optionalAdditionalData);
  w.bool(false); // MSDStructure extension
  w.bool(!!m.recentVehicleLocationN1);
  w.bool(!!m.recentVehicleLocationN2);
  w.bool(m.numberOfPassengers !== undefined);
  w.bits(8, m.messageIdentifier);
  w.bool(m.control.automaticActivation);
  w.bool(m.control.testCall);
  w.bool(m.control.positionCanBeTrusted);
  const vt = m.control.vehicleType;
  if (vt.startsWith('extension:')) {
    w.bool(true);
    w.bits(7, Number(vt.slice(10)));
  } else {
    w.bool(false);
    w.bits(4, VEHICLE_TYPES.indexOf(vt as VehicleType));
  }
  if (!/^[0-9A-HJ-NPR-Z]{17}$/.test(m.vehicleIdentificationNumber))
    throw new RangeError('VIN: 17 characters, ISO 3779');
  for (const ch of m.vehicleIdentificationNumber) w.bits(6, VIN_ALPHABET.indexOf(ch));
  w.bool(false); // VehiclePropulsionStorageType extension
  const keys = propulsionKeys(m.id);
  const prop = m.vehiclePropulsionStorageType;
  // DEFAULT FALSE components: present only when TRUE (the canonical encoding).
  for (const k of keys) w.bool(prop[k] === true);
  for (const k of keys) if (prop[k] === true) w.bool(true);
  w.bits(32, m.timestamp);
  w.bits(32, m.vehicleLocation.positionLatitude + 2 ** 31);
  w.bits(32, m.vehicleLocation.positionLongitude + 2 ** 31);
  w.bits(8, m.vehicleDirection);
  for (const d of [m.recentVehicleLocationN1, m.recentVehicleLocationN2])
    if (d) {
      w.bits(10, d.latitudeDelta + 512);
      w.bits(10, d.longitudeDelta + 512);
    }
  if (m.numberOfPassengers !== undefined) w.bits(8, m.numberOfPassengers);
  if (m.optionalAdditionalData) {
    const oid = relativeOidBytes(m.optionalAdditionalData.oid);
    w.length(oid.length);
    w.octets(oid);
    w.length(m.optionalAdditionalData.data.length);
    w.octets(m.optionalAdditionalData.data);
  }
  const body = w.toBytes();
  const out = new BitWriter();
  out.bits(8, m.id);
  if (m.id >= 2) out.length(body.length);
  out.octets(body);
  return out.toBytes();
}
