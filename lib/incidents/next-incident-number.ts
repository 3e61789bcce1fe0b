import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

// Human numbers per calendar year in Europe/Ljubljana: 2026-000123. The counter row is locked by the
// upsert until the transaction ends, so numbers are unique and gap-free among committed incidents.
export async function nextIncidentNumber(tx: Db): Promise<string> {
  const result = await tx.execute(sql`
    insert into incident_counters (year, last)
    values (extract(year from now() at time zone 'Europe/Ljubljana')::int, 1)
    on conflict (year) do update set last = incident_counters.last + 1
    returning year, last`);
  const row = rowsOf<{ year: number; last: number }>(result)[0];
  if (!row) throw new Error('incident counter returned nothing');
  return `${row.year}-${String(row.last).padStart(6, '0')}`;
}
