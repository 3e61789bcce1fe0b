import type { EcallDoubt } from '../ecall/interpret-msd';
import { VEHICLE_TYPES } from '../ecall/msd-uper';
import type { AmlDoubt } from '../locations/parse-aml';

// Labels for what partners' messages carry (issue 15): the doubts of AML and eCall messages, the
// eCall vehicle classes and propulsion, the waiting-eCall panel.

type Doubt = AmlDoubt | EcallDoubt;
type VehicleClass = (typeof VEHICLE_TYPES)[number] | 'unknown';

const doubtsSl = {
  doubt_length_mismatch: 'navedena dolžina sporočila se ne ujema z dejansko (morda okrnjeno)',
  doubt_length_missing: 'sporočilo nima navedene dolžine (morda okrnjeno)',
  doubt_version_unknown: 'neznana različica sporočila',
  doubt_key_repeated: 'polje je navedeno dvakrat (upoštevano prvo)',
  doubt_position_missing: 'sporočilo nima položaja',
  doubt_position_unreadable: 'položaja ni mogoče prebrati',
  doubt_position_unavailable: 'vozilo ni poznalo položaja',
  doubt_position_untrusted: 'vozilo položaju ne zaupa',
  doubt_radius_unreadable: 'natančnosti ni mogoče prebrati',
  doubt_accuracy_unreadable: 'natančnosti ni mogoče prebrati',
  doubt_time_unreadable: 'časa ni mogoče prebrati',
  doubt_time_unknown: 'čas ni znan',
  doubt_time_future: 'čas je v prihodnosti',
  doubt_confidence_unreadable: 'zanesljivosti ni mogoče prebrati',
  doubt_method_unknown: 'neznan način določanja položaja',
  doubt_device_id_unreadable: 'oznake naprave (IMEI/IMSI) ni mogoče prebrati',
  doubt_network_unreadable: 'oznake omrežja ni mogoče prebrati',
  doubt_hmac_missing: 'sporočilo ni podpisano',
  doubt_hmac_mismatch: 'podpis sporočila se ne ujema',
  doubt_direction_unreadable: 'smeri vožnje ni mogoče prebrati',
  doubt_vin_unreadable: 'številke VIN ni mogoče prebrati',
  doubt_vehicle_class_unknown: 'vrsta vozila ni znana',
  doubt_additional_data_truncated: 'dodatni podatki so okrnjeni',
  doubt_newer_msd_version: 'novejša različica MSD: del podatkov ni prebran',
} satisfies Record<`doubt_${Doubt}`, string>;

const doubtsEn: Record<keyof typeof doubtsSl, string> = {
  doubt_length_mismatch: 'the stated message length differs from the actual one (truncated?)',
  doubt_length_missing: 'the message states no length (truncated?)',
  doubt_version_unknown: 'unknown message version',
  doubt_key_repeated: 'a field is given twice (the first is used)',
  doubt_position_missing: 'message carries no position',
  doubt_position_unreadable: 'position cannot be read',
  doubt_position_unavailable: 'the vehicle did not know its position',
  doubt_position_untrusted: 'the vehicle does not trust its position',
  doubt_radius_unreadable: 'accuracy cannot be read',
  doubt_accuracy_unreadable: 'accuracy cannot be read',
  doubt_time_unreadable: 'time cannot be read',
  doubt_time_unknown: 'time unknown',
  doubt_time_future: 'time is in the future',
  doubt_confidence_unreadable: 'confidence cannot be read',
  doubt_method_unknown: 'unknown positioning method',
  doubt_device_id_unreadable: 'device identity (IMEI/IMSI) cannot be read',
  doubt_network_unreadable: 'network code cannot be read',
  doubt_hmac_missing: 'message is not signed',
  doubt_hmac_mismatch: 'message signature does not match',
  doubt_direction_unreadable: 'direction of travel cannot be read',
  doubt_vin_unreadable: 'VIN cannot be read',
  doubt_vehicle_class_unknown: 'vehicle class unknown',
  doubt_additional_data_truncated: 'additional data truncated',
  doubt_newer_msd_version: 'newer MSD version: part of the data not read',
};

const vehiclesSl = {
  veh_passengerVehicleClassM1: 'osebno vozilo (M1)',
  veh_busesAndCoachesClassM2: 'avtobus (M2)',
  veh_busesAndCoachesClassM3: 'avtobus (M3)',
  veh_lightCommercialVehiclesClassN1: 'lahko gospodarsko vozilo (N1)',
  veh_heavyDutyVehiclesClassN2: 'tovorno vozilo (N2)',
  veh_heavyDutyVehiclesClassN3: 'težko tovorno vozilo (N3)',
  veh_motorcyclesClassL1e: 'moped (L1e)',
  veh_motorcyclesClassL2e: 'trikolesni moped (L2e)',
  veh_motorcyclesClassL3e: 'motorno kolo (L3e)',
  veh_motorcyclesClassL4e: 'motorno kolo s prikolico (L4e)',
  veh_motorcyclesClassL5e: 'trikolesno motorno vozilo (L5e)',
  veh_motorcyclesClassL6e: 'lahko štirikolo (L6e)',
  veh_motorcyclesClassL7e: 'štirikolo (L7e)',
  veh_unknown: 'vrsta vozila ni znana',
} satisfies Record<`veh_${VehicleClass}`, string>;

const vehiclesEn: Record<keyof typeof vehiclesSl, string> = {
  veh_passengerVehicleClassM1: 'passenger car (M1)',
  veh_busesAndCoachesClassM2: 'bus (M2)',
  veh_busesAndCoachesClassM3: 'bus or coach (M3)',
  veh_lightCommercialVehiclesClassN1: 'light commercial vehicle (N1)',
  veh_heavyDutyVehiclesClassN2: 'goods vehicle (N2)',
  veh_heavyDutyVehiclesClassN3: 'heavy goods vehicle (N3)',
  veh_motorcyclesClassL1e: 'moped (L1e)',
  veh_motorcyclesClassL2e: 'three-wheel moped (L2e)',
  veh_motorcyclesClassL3e: 'motorcycle (L3e)',
  veh_motorcyclesClassL4e: 'motorcycle with sidecar (L4e)',
  veh_motorcyclesClassL5e: 'motor tricycle (L5e)',
  veh_motorcyclesClassL6e: 'light quadricycle (L6e)',
  veh_motorcyclesClassL7e: 'quadricycle (L7e)',
  veh_unknown: 'vehicle class unknown',
};

export const partnersSl = {
  ...doubtsSl,
  ...vehiclesSl,
  deviceDoubts: 'Preverite:',
  doubtOther: 'sporočilo preverite ročno',
  ecallWaiting: 'eCall brez lokacije',
  ecallWaitingHint: 'Vozilo ni poslalo položaja. Lokacijo ugotovite s klicočim.',
  ecallTake: 'Odpri v obrazcu',
  ecallPassengers: 'potnikov',
  ecallManual: 'ročni klic',
  ecallAutomatic: 'samodejni klic (trčenje)',
  ecallFromForm: 'eCall',
};

export type PartnersKey = keyof typeof partnersSl;

export const partnersEn: Record<PartnersKey, string> = {
  ...doubtsEn,
  ...vehiclesEn,
  deviceDoubts: 'Check:',
  doubtOther: 'check the message by hand',
  ecallWaiting: 'eCall without a location',
  ecallWaitingHint: 'The vehicle sent no position. Find the location with the caller.',
  ecallTake: 'Open in the form',
  ecallPassengers: 'passengers',
  ecallManual: 'manual call',
  ecallAutomatic: 'automatic call (crash)',
  ecallFromForm: 'eCall',
};

export const vehicleClassKey = (t: string): `veh_${VehicleClass}` =>
  (VEHICLE_TYPES as readonly string[]).includes(t) ? (`veh_${t}` as `veh_${VehicleClass}`) : 'veh_unknown';

/** A stored doubt's label key; a code this version does not know reads as "check the message by hand". */
export const doubtKey = (code: string): `doubt_${Doubt}` | 'doubtOther' =>
  `doubt_${code}` in partnersSl ? (`doubt_${code}` as `doubt_${Doubt}`) : 'doubtOther';
