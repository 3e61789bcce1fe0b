import { asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { dangerousGoods, ergGuides } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { readCsv } from '../csv';
import { domainImported } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { fieldErrors } from '../validation';
import { type HazardId, readHazardId, readPlate } from './hazard-id';

// Dangerous goods by UN number or by the orange plate: the substance, its ADR class, the ERG guide's
// first actions and distances, and the Table 1 distances of a substance toxic by inhalation.

type Words = { sl: string; en: string };

export interface GuideDto {
  guide: number;
  title: Words;
  isolateM: number;
  largeSpillM: number | null;
  fireM: number | null;
  hazards: Words;
  action: Words;
}

export interface DangerousGoodDto {
  id: number;
  unNumber: string;
  name: Words;
  adrClass: string;
  hazardIds: string[];
  /** Toxic by inhalation: the table's distances (km downwind by day and night) replace the guide's. */
  tih: boolean;
  small: { isolateM: number | null; dayKm: number | null; nightKm: number | null } | null;
  large: { isolateM: number | null; dayKm: number | null; nightKm: number | null } | null;
  guide: GuideDto | null;
  source: string;
}

export interface LookupResult {
  /** The plate's upper number read, when one was given. */
  hazard: HazardId | null;
  substances: DangerousGoodDto[];
}

type GuideRow = typeof ergGuides.$inferSelect;
type GoodRow = typeof dangerousGoods.$inferSelect;

function guideDto(g: GuideRow): GuideDto {
  return {
    guide: g.guide,
    title: { sl: g.titleSl, en: g.titleEn },
    isolateM: g.isolateM,
    largeSpillM: g.largeSpillM,
    fireM: g.fireM,
    hazards: { sl: g.hazardsSl, en: g.hazardsEn },
    action: { sl: g.actionSl, en: g.actionEn },
  };
}

function goodDto(r: GoodRow, guide: GuideRow | null): DangerousGoodDto {
  const small =
    r.smallIsolateM !== null || r.smallDayKm !== null
      ? { isolateM: r.smallIsolateM, dayKm: r.smallDayKm, nightKm: r.smallNightKm }
      : null;
  const large =
    r.largeIsolateM !== null || r.largeDayKm !== null
      ? { isolateM: r.largeIsolateM, dayKm: r.largeDayKm, nightKm: r.largeNightKm }
      : null;
  return {
    id: r.id,
    unNumber: r.unNumber,
    name: { sl: r.nameSl || r.nameEn, en: r.nameEn },
    adrClass: r.adrClass,
    hazardIds: r.hazardIds,
    tih: r.tih,
    small,
    large,
    guide: guide ? guideDto(guide) : null,
    source: r.source,
  };
}

export async function substancesByUn(db: Db, unNumbers: string[]): Promise<DangerousGoodDto[]> {
  if (unNumbers.length === 0) return [];
  const rows = await db
    .select({ g: dangerousGoods, guide: ergGuides })
    .from(dangerousGoods)
    .leftJoin(ergGuides, eq(ergGuides.guide, dangerousGoods.guide))
    .where(inArray(dangerousGoods.unNumber, unNumbers))
    .orderBy(asc(dangerousGoods.unNumber), asc(dangerousGoods.id));
  return rows.map((r) => goodDto(r.g, r.guide));
}

/** A UN number ("1203", "UN 1203"), a plate ("33/1203"), a hazard number ("X423"), or a name. */
export async function lookupDangerousGoods(db: Db, q: string): Promise<LookupResult> {
  const text = q.trim();
  const plate = readPlate(text);
  if (plate)
    return { hazard: readHazardId(plate.hazardId), substances: await substancesByUn(db, [plate.unNumber]) };
  const un = /^(?:UN\s?)?([0-9]{4})$/i.exec(text);
  if (un) return { hazard: null, substances: await substancesByUn(db, [un[1] as string]) };
  const hazard = readHazardId(text);
  if (hazard.valid) return { hazard, substances: [] };
  const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ g: dangerousGoods, guide: ergGuides })
    .from(dangerousGoods)
    .leftJoin(ergGuides, eq(ergGuides.guide, dangerousGoods.guide))
    .where(or(ilike(dangerousGoods.nameEn, like), ilike(dangerousGoods.nameSl, like)))
    .orderBy(asc(dangerousGoods.unNumber))
    .limit(20);
  return { hazard: null, substances: rows.map((r) => goodDto(r.g, r.guide)) };
}

const num = (max: number) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : Number(v.replace(',', '.'))))
    .pipe(z.number().min(0).max(max).nullable());

const ZGoodRow = z.object({
  un_number: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, 'four digits'),
  name_en: z.string().trim().min(1).max(300),
  name_sl: z.string().trim().max(300).default(''),
  adr_class: z
    .string()
    .trim()
    .regex(/^[1-9](\.[1-6])?[A-Z]?$/, 'an ADR class, e.g. 3, 2, 5.1, 6.1'),
  guide: z
    .string()
    .trim()
    .regex(/^(\d{3})?$/, 'an ERG guide number (three digits) or empty')
    .default(''),
  hazard_ids: z.string().trim().default(''),
  tih: z.string().trim().default(''),
  small_isolate_m: num(100_000).default(null),
  small_day_km: num(100).default(null),
  small_night_km: num(100).default(null),
  large_isolate_m: num(100_000).default(null),
  large_day_km: num(100).default(null),
  large_night_km: num(100).default(null),
  source: z.string().trim().max(200).default(''),
});

/**
 * The full table from a CSV (docs/domain-data.md): one row per UN number and name; upserted, so a
 * re-import changes nothing. Bad lines are named and skipped, the rest imported.
 */
export async function importDangerousGoods(db: Db, actor: Principal, body: string) {
  const records = readCsv(body, { ragged: true });
  const guides = new Set((await db.select({ g: ergGuides.guide }).from(ergGuides)).map((g) => g.g));
  const rejected: { line: number; field: string; message: string }[] = [];
  const rows: (typeof dangerousGoods.$inferInsert)[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const p = ZGoodRow.safeParse(r);
    if (!p.success) {
      for (const f of fieldErrors(p.error)) rejected.push({ line, ...f });
      return;
    }
    const d = p.data;
    const guide = d.guide ? Number(d.guide) : null;
    if (guide !== null && !guides.has(guide)) {
      rejected.push({ line, field: 'guide', message: `no guide ${guide} (import the guides first)` });
      return;
    }
    const hazardIds = d.hazard_ids.split(/[;|, ]+/).filter(Boolean);
    const badId = hazardIds.find((h) => !readHazardId(h).valid);
    if (badId) {
      rejected.push({
        line,
        field: 'hazard_ids',
        message: `"${badId}" is not a hazard identification number`,
      });
      return;
    }
    rows.push({
      unNumber: d.un_number,
      nameEn: d.name_en,
      nameSl: d.name_sl,
      adrClass: d.adr_class,
      guide,
      hazardIds,
      tih: /^(1|yes|true|da)$/i.test(d.tih),
      smallIsolateM: d.small_isolate_m === null ? null : Math.round(d.small_isolate_m),
      smallDayKm: d.small_day_km,
      smallNightKm: d.small_night_km,
      largeIsolateM: d.large_isolate_m === null ? null : Math.round(d.large_isolate_m),
      largeDayKm: d.large_day_km,
      largeNightKm: d.large_night_km,
      source: d.source,
    });
  });
  const counts = { inserted: 0, updated: 0 };
  await inWriteTx(db, actor, async (w) => {
    for (let i = 0; i < rows.length; i += 500) {
      const out = await w.tx
        .insert(dangerousGoods)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [dangerousGoods.unNumber, dangerousGoods.nameEn],
          set: Object.fromEntries(
            [
              'name_sl',
              'adr_class',
              'guide',
              'hazard_ids',
              'tih',
              'small_isolate_m',
              'small_day_km',
              'small_night_km',
              'large_isolate_m',
              'large_day_km',
              'large_night_km',
              'source',
            ].map((c) => [
              c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()),
              sql.raw(`excluded.${c}`),
            ]),
          ),
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const o of out) o.inserted ? counts.inserted++ : counts.updated++;
    }
    w.emit(
      domainImported({
        dataset: 'dangerous_goods',
        format: 'csv',
        inserted: counts.inserted,
        updated: counts.updated,
        flagged: 0,
        rejected: rejected.length,
      }),
    );
  });
  return { dataset: 'dangerous_goods' as const, format: 'csv' as const, ...counts, flagged: 0, rejected };
}
