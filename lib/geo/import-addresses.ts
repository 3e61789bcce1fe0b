import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { places } from '../../db/schema';
import { readCsv } from '../csv';
import { AppError } from '../errors';
import { fieldErrors } from '../validation';
import { normaliseSearch } from './normalise';

// Address points from a CSV (columns in docs/addresses.md): WGS84 lat/lon, or D96/TM e/n converted
// by PostGIS on insert. All rows are checked first; one bad row refuses the file, naming line and column.

const num = z
  .string()
  .trim()
  .regex(/^-?\d+([.,]\d+)?$/, 'a decimal number')
  .transform((v) => Number(v.replace(',', '.')));
const opt = (s: z.ZodType) => z.union([z.literal('').transform(() => undefined), s]).optional();

const ZRow = z
  .object({
    street: z.string().trim().min(1).max(200),
    house_number: z.string().trim().max(20).default(''),
    settlement: z.string().trim().min(1).max(120),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{4}$/, 'four digits')
      .or(z.literal(''))
      .default(''),
    lat: opt(num.pipe(z.number().min(-90).max(90))),
    lon: opt(num.pipe(z.number().min(-180).max(180))),
    e: opt(num.pipe(z.number().min(350_000).max(650_000))),
    n: opt(num.pipe(z.number().min(0).max(220_000))),
  })
  .refine((r) => (r.lat !== undefined && r.lon !== undefined) || (r.e !== undefined && r.n !== undefined), {
    message: 'give lat and lon (WGS84) or e and n (D96/TM)',
    path: ['lat'],
  });

export async function importAddresses(db: Db, csvText: string): Promise<number> {
  const records = readCsv(csvText);
  const rows = records.map((r, i) => {
    const parsed = ZRow.safeParse(r);
    if (!parsed.success)
      throw new AppError(
        'validation_failed',
        `line ${i + 2}: ${fieldErrors(parsed.error)
          .map((f) => `${f.field}: ${f.message}`)
          .join('; ')}`,
        fieldErrors(parsed.error, `line ${i + 2}`),
      );
    return parsed.data;
  });
  await db.transaction(async (tx) => {
    for (const r of rows) {
      const label = `${r.street}${r.house_number ? ` ${r.house_number}` : ''}, ${r.postcode ? `${r.postcode} ` : ''}${r.settlement}`;
      const position =
        r.lat !== undefined && r.lon !== undefined
          ? sql`ST_SetSRID(ST_MakePoint(${r.lon}, ${r.lat}), 4326)::geography`
          : sql`ST_Transform(ST_SetSRID(ST_MakePoint(${r.e}, ${r.n}), 3794), 4326)::geography`;
      const values = {
        kind: 'address' as const,
        sourceKey: `address:${r.street}|${r.house_number}|${r.settlement}|${r.postcode}`.toLowerCase(),
        label,
        search: normaliseSearch(`${r.street} ${r.house_number} ${r.settlement} ${r.postcode}`),
        street: r.street,
        houseNumber: r.house_number,
        settlement: r.settlement,
        postcode: r.postcode,
        position,
      };
      await tx
        .insert(places)
        .values(values)
        .onConflictDoUpdate({
          target: places.sourceKey,
          set: { label, search: values.search, position, importedAt: sql`now()` },
        });
    }
  });
  return rows.length;
}
