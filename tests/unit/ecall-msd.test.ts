import { describe, expect, it } from 'vitest';
import { interpretMsd } from '../../lib/ecall/interpret-msd';
import { decodeMsd, encodeMsd, type Msd, MsdDecodeError } from '../../lib/ecall/msd-uper';
import { parseEcallBody } from '../../lib/ecall/schemas';

// eCall MSD (EN 15722) in ASN.1 UPER: a third party's bytes, every version both ways, the reserved
// values, and units by the declared encoding.

/**
 * An MSD v1 built by a third party's in-vehicle software (the Legato eCall unit tests' "imported
 * MSD", VIN ASDAJNPR1VABCDEFG). Its presence bit announces additional data that the bytes do not
 * carry: a real device quirk that must not lose the rest.
 */
const THIRD_PARTY_V1 = '014C0780A64D29259760170A2CC34E3D051B184861EBA0C8FF737E6420D104013F8100';

const base = (over: Partial<Msd> = {}): Msd => ({
  id: 2,
  messageIdentifier: 7,
  control: {
    automaticActivation: true,
    testCall: false,
    positionCanBeTrusted: true,
    vehicleType: 'passengerVehicleClassM1',
  },
  vehicleIdentificationNumber: 'WVWZZZ1JZXW000001',
  vehiclePropulsionStorageType: { gasolineTankPresent: true, electricEnergyStorage: true },
  timestamp: 1795860000,
  // 46.0514° N, 14.5060° E in milliarcseconds
  vehicleLocation: { positionLatitude: 165785040, positionLongitude: 52221600 },
  vehicleDirection: 45,
  ...over,
});

describe('MSD UPER decoder', () => {
  it("reads a third party's MSD v1 and flags its announced-but-missing additional data", () => {
    const msd = decodeMsd(Buffer.from(THIRD_PARTY_V1, 'hex'));
    expect(msd).toMatchObject({
      id: 1,
      messageIdentifier: 1,
      control: {
        automaticActivation: true,
        testCall: true,
        positionCanBeTrusted: true,
        vehicleType: 'passengerVehicleClassM1',
      },
      vehicleIdentificationNumber: 'ASDAJNPR1VABCDEFG',
      vehiclePropulsionStorageType: { gasolineTankPresent: true, compressedNaturalGas: true },
      timestamp: 1661537341,
      vehicleDirection: 32,
      recentVehicleLocationN2: { latitudeDelta: 0, longitudeDelta: 127 },
      numberOfPassengers: 2,
      additionalDataTruncated: true,
    });
    const report = interpretMsd(msd);
    expect(report.doubts).toEqual(['additional_data_truncated']);
    expect(report.directionDeg).toBe(64);
    expect(report.position?.lat).toBeCloseTo(-55.46667, 5);
  });

  it.each([1, 2, 3])('encodes and decodes MSD v%i with every optional part', (id) => {
    const msd = base({
      id,
      vehiclePropulsionStorageType:
        id === 1
          ? { dieselTankPresent: true, hydrogenStorage: true }
          : { dieselTankPresent: true, otherStorage: true },
      recentVehicleLocationN1: { latitudeDelta: -512, longitudeDelta: 511 },
      recentVehicleLocationN2: { latitudeDelta: 3, longitudeDelta: -4 },
      numberOfPassengers: 255,
      optionalAdditionalData: { oid: '8.1', data: Uint8Array.from([0x01, 0x02, 0xff]) },
    });
    const bytes = encodeMsd(msd);
    expect(bytes.length).toBeLessThanOrEqual(140);
    if (id >= 2) expect(bytes[1]).toBe(bytes.length - 2); // the octet string's length
    const back = decodeMsd(bytes);
    expect({ ...back, optionalAdditionalData: undefined }).toEqual({
      ...msd,
      optionalAdditionalData: undefined,
    });
    expect(back.optionalAdditionalData?.oid).toBe('8.1');
    expect(Buffer.from(back.optionalAdditionalData?.data ?? []).toString('hex')).toBe('0102ff');
  });

  it('reads the bits where X.691 puts them (hand-checked header of a v2 MSD)', () => {
    const bytes = encodeMsd(base());
    // id=2, then the length, then: ext 0, additional data 0, ext 0, N1 0, N2 0, passengers 0, then
    // messageIdentifier 7 = 00000111: 000000|00 0001|11 → second MSD byte 0x00, third 0x1C|auto…
    expect(bytes[0]).toBe(2);
    expect(bytes[2]).toBe(0b00000000);
    expect((bytes[3] ?? 0) >> 2).toBe(0b000111);
  });

  it('a vehicle class from a later MSD version is kept as an extension, flagged, not misread', () => {
    const msd = decodeMsd(encodeMsd(base({ control: { ...base().control, vehicleType: 'extension:2' } })));
    expect(msd.control.vehicleType).toBe('extension:2');
    expect(interpretMsd(msd).doubts).toContain('vehicle_class_unknown');
  });

  it('every root vehicle class survives the trip', () => {
    for (const vt of [
      'busesAndCoachesClassM3',
      'heavyDutyVehiclesClassN3',
      'motorcyclesClassL1e',
      'motorcyclesClassL7e',
    ] as const) {
      expect(
        decodeMsd(encodeMsd(base({ control: { ...base().control, vehicleType: vt } }))).control.vehicleType,
      ).toBe(vt);
    }
  });

  it('refuses what is not an MSD: too short, version 0, a length past the end', () => {
    expect(() => decodeMsd(Buffer.from('0102', 'hex'))).toThrow(MsdDecodeError);
    expect(() => decodeMsd(Buffer.alloc(40))).toThrow(MsdDecodeError);
    const bytes = Buffer.from(encodeMsd(base()));
    bytes[1] = 120;
    expect(() => decodeMsd(bytes)).toThrow(MsdDecodeError);
    expect(() => decodeMsd(bytes.subarray(0, 20))).toThrow(MsdDecodeError);
  });
});

describe('MSD values the standard reserves', () => {
  it('position "not available" is no place; timestamp 0 is no time; direction 255 is no angle', () => {
    const r = interpretMsd(
      base({
        vehicleLocation: { positionLatitude: 2147483647, positionLongitude: 2147483647 },
        timestamp: 0,
        vehicleDirection: 255,
      }),
    );
    expect(r.position).toBeNull();
    expect(r.fixAt).toBeNull();
    expect(r.directionDeg).toBeNull();
    expect(r.doubts).toEqual(['position_unavailable', 'time_unknown']);
  });

  it('direction is in 2° steps; 180–254 are not directions', () => {
    expect(interpretMsd(base({ vehicleDirection: 0 })).directionDeg).toBe(0);
    expect(interpretMsd(base({ vehicleDirection: 90 })).directionDeg).toBe(180);
    expect(interpretMsd(base({ vehicleDirection: 179 })).directionDeg).toBe(358);
    const odd = interpretMsd(base({ vehicleDirection: 200 }));
    expect(odd.directionDeg).toBeNull();
    expect(odd.doubts).toContain('direction_unreadable');
  });

  it('an untrusted position is kept and flagged; recent positions follow the deltas (100 mas steps)', () => {
    const r = interpretMsd(
      base({
        control: { ...base().control, positionCanBeTrusted: false },
        recentVehicleLocationN1: { latitudeDelta: 36, longitudeDelta: 0 },
      }),
    );
    expect(r.doubts).toEqual(['position_untrusted']);
    expect(r.recentPositions[0]?.lat).toBeCloseTo(46.0514 + 0.001, 6);
  });
});

describe('units by the declared encoding', () => {
  const json = (vehicleLocation: unknown) =>
    parseEcallBody(
      {
        text: JSON.stringify({
          messageIdentifier: 1,
          control: {
            automaticActivation: true,
            testCall: false,
            positionCanBeTrusted: true,
            vehicleType: 'passengerVehicleClassM1',
          },
          vehicleIdentificationNumber: 'WVWZZZ1JZXW000001',
          timestamp: 1795860000,
          vehicleLocation,
        }),
        bytes: Buffer.alloc(0),
        contentType: 'application/json',
      },
      undefined,
    );

  it('positionLatitude is milliarcseconds whatever its size: 100 mas is not 100°', () => {
    const r = interpretMsd(json({ positionLatitude: 100, positionLongitude: 100 }).msd);
    expect(r.position?.lat).toBeCloseTo(100 / 3_600_000, 10);
  });

  it('latitude/longitude are degrees; out of range is unreadable, never rescaled', () => {
    expect(interpretMsd(json({ latitude: 46.05, longitude: 14.5 }).msd).position?.lat).toBeCloseTo(46.05, 6);
    const r = interpretMsd(json({ latitude: 165785040, longitude: 52221600 }).msd);
    expect(r.position).toBeNull();
    expect(r.doubts).toContain('position_unreadable');
  });

  it('binary, hex and base64 bodies decode to the same MSD; the bytes are kept', () => {
    const bytes = Buffer.from(encodeMsd(base()));
    const as = (contentType: string, text: string, b = Buffer.alloc(0)) =>
      parseEcallBody({ text, bytes: b, contentType }, '+38641000111');
    const binary = as('application/emergencycalldata.ecall.msd', '', bytes);
    expect(binary.encoding).toBe('uper');
    expect(binary.raw).toBe(bytes.toString('hex'));
    expect(as('text/plain', bytes.toString('hex')).msd).toEqual(binary.msd);
    expect(as('text/plain', bytes.toString('base64')).msd).toEqual(binary.msd);
    expect(as('application/octet-stream', '', bytes).msd).toEqual(binary.msd);
    expect(binary.callbackNumber).toBe('+38641000111');
  });
});
