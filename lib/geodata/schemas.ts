import { z } from 'zod';
import { HOSPITAL_CAPABILITIES } from '../../db/schema/enums';
import { DATASETS } from './map-records';

// What the location databases' routes take.

const lat = z.coerce.number().min(-90).max(90);
const lon = z.coerce.number().min(-180).max(180);

export const ZNearestAedsQuery = z.object({
  lat,
  lon,
  /** The instant to judge opening hours at (default now). */
  at: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(3),
});

export const ZWaterQuery = z.object({
  lat,
  lon,
  radius: z.coerce.number().int().min(10).max(5000).default(500),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZHospitalsQuery = z.object({
  lat,
  lon,
  capability: z.enum(HOSPITAL_CAPABILITIES).optional(),
});

export const ZImportQuery = z.object({
  dataset: z.enum([...DATASETS, 'dangerous_goods']),
  format: z.enum(['geojson', 'csv']).default('csv'),
});

export const ZDangerousGoodsQuery = z.object({ q: z.string().trim().min(1).max(100) });
