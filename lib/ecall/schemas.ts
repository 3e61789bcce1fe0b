import { z } from 'zod';

// The eCall minimum set of data (EN 15722) with the standard's element names, as JSON. Positions
// are accepted in degrees (as gateways decode them) or in the MSD's milliarcseconds.

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

const MAS_PER_DEGREE = 3_600_000;

// |value| ≤ 180 is degrees; larger magnitudes are milliarcseconds (the MSD's own unit).
const angle = (max: number) =>
  z
    .number()
    .finite()
    .transform((v) => (Math.abs(v) <= 180 ? v : v / MAS_PER_DEGREE))
    .refine((v) => Math.abs(v) <= max, `within ±${max}°`);

const ZVin = z.union([
  z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, '17 characters, no I, O or Q (ISO 3779)'),
  z
    .object({
      isowmi: z.string().regex(/^[A-HJ-NPR-Z0-9]{3}$/),
      isovds: z.string().regex(/^[A-HJ-NPR-Z0-9]{6}$/),
      isovisModelyear: z.string().regex(/^[A-HJ-NPR-Z0-9]$/),
      isovisSeqPlant: z.string().regex(/^[A-HJ-NPR-Z0-9]{7}$/),
    })
    .transform((v) => v.isowmi + v.isovds + v.isovisModelyear + v.isovisSeqPlant),
]);

const ZDelta = z.object({
  latitudeDelta: z.number().int().min(-512).max(511),
  longitudeDelta: z.number().int().min(-512).max(511),
});

export const ZEcallMsd = z.object({
  messageIdentifier: z.number().int().min(0).max(255),
  control: z.object({
    automaticActivation: z.boolean(),
    testCall: z.boolean(),
    positionCanBeTrusted: z.boolean(),
    vehicleType: z.enum(VEHICLE_TYPES),
  }),
  vehicleIdentificationNumber: ZVin,
  vehiclePropulsionStorageType: z
    .object({
      gasolineTankPresent: z.boolean().optional(),
      dieselTankPresent: z.boolean().optional(),
      compressedNaturalGas: z.boolean().optional(),
      liquidPropaneGas: z.boolean().optional(),
      electricEnergyStorage: z.boolean().optional(),
      hydrogenStorage: z.boolean().optional(),
      otherStorage: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /** Seconds since 1970-01-01 UTC. */
  timestamp: z
    .number()
    .int()
    .min(1_000_000_000)
    .refine((t) => t * 1000 <= Date.now() + 86_400_000, 'in the future'),
  vehicleLocation: z.object({ latitude: angle(90), longitude: angle(180) }),
  /** Degrees 0–359 (the MSD codes 2° steps 0–179; decoded by the gateway). */
  vehicleDirection: z.number().int().min(0).max(359).optional(),
  recentVehicleLocationN1: ZDelta.optional(),
  recentVehicleLocationN2: ZDelta.optional(),
  numberOfPassengers: z.number().int().min(0).max(255).optional(),
  /** Optional additional data: the number to call back. */
  callbackNumber: z.string().max(32).optional(),
});

export type TEcallMsd = z.infer<typeof ZEcallMsd>;

export const PROPULSION_SL: Record<string, string> = {
  gasolineTankPresent: 'bencin',
  dieselTankPresent: 'dizel',
  compressedNaturalGas: 'stisnjen zemeljski plin (CNG)',
  liquidPropaneGas: 'utekočinjen naftni plin (LPG)',
  electricEnergyStorage: 'električna baterija',
  hydrogenStorage: 'vodik',
  otherStorage: 'drugo',
};
