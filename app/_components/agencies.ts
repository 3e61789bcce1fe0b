/** The rescue services a dispatcher sends (filters on the map, the statistics). */
export const RESPONSE_AGENCIES = ['fire', 'ems', 'mountain_rescue'] as const;

/** Every agency a station can belong to (the seed's reference list). */
export const ALL_AGENCIES = [
  'fire',
  'ems',
  'mountain_rescue',
  'cave_rescue',
  'civil_protection',
  'police',
  'medical_dispatch',
  'notification_centre',
] as const;
