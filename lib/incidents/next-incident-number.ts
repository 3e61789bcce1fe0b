import { sql } from 'drizzle-orm';

// Human numbers per calendar year in Europe/Ljubljana: 2026-000123. The counter row is locked by the
// upsert until the transaction ends, so numbers are unique and gap-free among committed incidents.
// The SQL function (migration 0028) runs inside the incident's INSERT: the lock is taken as late as
// it can be, with no round trip to this process between the increment and the rest of the write.
export const nextIncidentNumberSql = sql<string>`next_incident_number()`;
