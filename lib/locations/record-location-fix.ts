import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { locationFixes } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { present } from '../errors';
import { locationFixReceived } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { type LocationFixDto, selectLocationFixes } from './location-fix-dto';
import type { AmlFix } from './parse-aml';

// Stores a device location for a phone number and tells every call-taker's screen (the event).
export async function recordLocationFix(
  db: Db,
  actor: Principal,
  fix: Omit<AmlFix, 'source' | 'doubts'> & {
    source: 'aml_sms' | 'aml_https' | 'ecall';
    /** AML_DOUBTS or ECALL_DOUBTS codes. */
    doubts: readonly string[];
  },
  raw: string,
): Promise<LocationFixDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .insert(locationFixes)
      .values({
        phone: fix.phone,
        source: fix.source,
        position: fix.lat !== null && fix.lon !== null ? pointSql(fix.lat, fix.lon) : null,
        accuracyM: fix.accuracyM,
        confidencePct: fix.confidencePct,
        method: fix.method,
        fixAt: fix.fixAt,
        imei: fix.imei,
        imsi: fix.imsi,
        details: fix.details,
        raw: raw.slice(0, 4000),
        doubts: [...fix.doubts],
      })
      .returning({ id: locationFixes.id });
    if (!row) throw new Error('location fix insert returned nothing');
    const [dto] = await selectLocationFixes(w.tx, eq(locationFixes.id, row.id), 1);
    const stored = present(dto, 'location fix');
    w.emit(locationFixReceived(stored));
    return stored;
  });
  return result;
}
