import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { pointSql } from '../geo/sql';

// The region a point lies in, hence the centre an incident or a call there belongs to: the
// municipality whose imported area covers the point, else the municipality with the nearest seat (the
// gazetteer's rule until boundaries are imported), else — with no municipalities loaded — the centre
// with the nearest seat. Always a centre: an incident is never without one. One definition, in SQL
// (centre_at, migration 0026), which also fills the centre of a row inserted without one.

/** The id of the centre whose region contains the point, as an SQL expression. */
export function centreAtSql(lat: number, lon: number): SQL<number> {
  return centreAtPointSql(pointSql(lat, lon));
}

/** The same for a geography expression (a column, a subquery): the database's centre_at (migration 0026). */
export function centreAtPointSql(p: SQL): SQL<number> {
  return sql<number>`centre_at(${p})`;
}

export async function centreAt(db: Db, lat: number, lon: number): Promise<number> {
  const id = rowsOf<{ id: number }>(await db.execute(sql`select ${centreAtSql(lat, lon)} as id`))[0]?.id;
  if (id == null) throw new Error('no centres: the schema migration seeds them');
  return Number(id);
}
