import { z } from 'zod';
import { UNIT_STATUSES } from '../../db/schema/enums';

// What the unit routes take: a status report, an AVL position, the list's filter.

export const ZUnitStatus = z.object({
  status: z.enum(UNIT_STATUSES),
  /** Why (a dispatcher's radio report on the crew's behalf, out of service); goes to the incident's timeline. */
  reason: z.string().trim().max(500).optional(),
});

export const ZUnitsQuery = z.object({
  near: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'lat,lon in decimal degrees')
    .transform((v) => v.split(',').map(Number) as [number, number])
    .refine(
      ([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
      'latitude within ±90, longitude within ±180',
    )
    .optional(),
});

export const ZUnitPosition = z.object({
  lat: z.number().finite().min(-90).max(90),
  lon: z.number().finite().min(-180).max(180),
  at: z.iso.datetime({ offset: true }).optional(),
});
