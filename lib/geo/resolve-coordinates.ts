import type { Db } from '../../db/client';
import { AppError } from '../errors';
import { fromD96, fromWgs84, type Position } from './convert';
import { parseAnyCoordinates } from './parse-coordinates';

/** Typed coordinates in any supported form → a position with both WGS84 and D96/TM. */
export async function resolveCoordinates(db: Db, text: string): Promise<Position & { format: string }> {
  const parsed = parseAnyCoordinates(text);
  if (!parsed)
    throw new AppError('validation_failed', 'coordinates not recognised', [
      {
        field: 'query.text',
        message:
          'use decimal degrees (46.0514, 14.5060), degrees-minutes-seconds (46°03\'05"N 14°30\'22"E) or D96/TM (E 462000 N 101000)',
      },
    ]);
  const pos =
    parsed.format === 'd96tm'
      ? await fromD96(db, parsed.e, parsed.n)
      : await fromWgs84(db, parsed.lat, parsed.lon);
  return { ...pos, format: parsed.format };
}
