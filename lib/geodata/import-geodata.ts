import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { aeds, hospitals, locationNotes, waterSources } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { domainImported } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { type Dataset, mapRecord } from './map-records';
import { type FileFormat, readRecords, type Where } from './read-records';

// Imports a file into one of the location databases. Re-importing the same file changes nothing: each
// entry is upserted by its key (the OpenStreetMap id, the CSV's id column, else its position and
// name). Entries are written in batches; a batch PostGIS refuses (a self-crossing polygon) is retried
// entry by entry so the one bad entry is named and the rest kept. One event records the import.

export interface GeodataReport {
  dataset: Dataset;
  format: FileFormat;
  inserted: number;
  updated: number;
  /** Entries kept with a doubt flagged. */
  flagged: number;
  /** Entries refused, by line (CSV, counting the header as line 1) or feature number (GeoJSON). */
  rejected: { line: number; field: string; message: string }[];
}

const TABLES = { aed: aeds, water: waterSources, hospital: hospitals, note: locationNotes } as const;

function positionSql(w: Where): SQL {
  switch (w.kind) {
    case 'wgs84':
      return pointSql(w.lat, w.lon);
    case 'd96':
      return sql`ST_Transform(ST_SetSRID(ST_MakePoint(${w.e}, ${w.n}), 3794), 4326)::geography`;
    case 'geometry':
      return sql`ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(${w.geojson}), 4326))::geography`;
  }
}

function derivedKey(dataset: Dataset, w: Where, values: Record<string, unknown>): string {
  const h = createHash('sha256')
    .update(JSON.stringify([w, values.name ?? values.text ?? values.ref ?? '']))
    .digest('hex')
    .slice(0, 24);
  return `${dataset}:${h}`;
}

export async function importGeodata(
  db: Db,
  actor: Principal,
  opts: { dataset: Dataset; format: FileFormat; body: string },
): Promise<GeodataReport> {
  const records = readRecords(opts.format, opts.body);
  const report: GeodataReport = {
    dataset: opts.dataset,
    format: opts.format,
    inserted: 0,
    updated: 0,
    flagged: 0,
    rejected: [],
  };
  const rows: { line: number; values: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (!r.where) {
      report.rejected.push({ line: r.line, ...(r.problem ?? { field: 'position', message: 'no position' }) });
      continue;
    }
    const m = mapRecord(opts.dataset, opts.format, r);
    if (!m.ok) {
      report.rejected.push({ line: r.line, field: m.field, message: m.message });
      continue;
    }
    const sourceKey = r.key ?? derivedKey(opts.dataset, r.where, m.values);
    // The same key twice in one file: the later entry wins, as a re-import would.
    if (seen.has(sourceKey)) {
      const i = rows.findIndex((x) => x.values.sourceKey === sourceKey);
      if (i >= 0) rows.splice(i, 1);
    }
    seen.add(sourceKey);
    const values: Record<string, unknown> = { ...m.values, sourceKey, position: positionSql(r.where) };
    if (opts.dataset === 'note') {
      values.authorId = actor.userId;
      values.authorName = actor.displayName;
    } else values.doubts = m.doubts;
    if (m.doubts.length) report.flagged++;
    rows.push({ line: r.line, values });
  }

  const table = TABLES[opts.dataset];
  const updatable = (v: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(v)
        .filter((k) => !['sourceKey', 'authorId', 'authorName'].includes(k))
        .map((k) => [k, sql.raw(`excluded.${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)]),
    );
  await inWriteTx(db, actor, async (w) => {
    const write = async (batch: typeof rows) => {
      const first = batch[0];
      if (!first) return;
      const set = { ...updatable(first.values), updatedAt: sql`now()` };
      const out = await w.tx
        .insert(table)
        .values(batch.map((b) => b.values) as never)
        .onConflictDoUpdate({ target: table.sourceKey, set: set as never })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const o of out) o.inserted ? report.inserted++ : report.updated++;
    };
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      try {
        await w.tx.transaction(async () => write(batch));
      } catch {
        for (const one of batch) {
          try {
            await w.tx.transaction(async () => write([one]));
          } catch (err) {
            report.rejected.push({
              line: one.line,
              field: 'geometry',
              message: `PostGIS refused the position: ${(err as Error).message.split('\n')[0]}`,
            });
          }
        }
      }
    }
    report.rejected.sort((a, b) => a.line - b.line);
    w.emit(
      domainImported({
        dataset: opts.dataset,
        format: opts.format,
        inserted: report.inserted,
        updated: report.updated,
        flagged: report.flagged,
        rejected: report.rejected.length,
      }),
    );
  });
  return report;
}
