import { z } from 'zod';

// What the gazetteer and coordinate routes take.

export const ZGeoParseQuery = z.object({ text: z.string().trim().min(1).max(100) });

export const ZGeocodeQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ZReverseQuery = z.object({
  lat: z.coerce.number().finite().min(-90).max(90),
  lon: z.coerce.number().finite().min(-180).max(180),
});
