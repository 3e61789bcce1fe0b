import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../lib/auth/password';
import type { Principal } from '../../lib/auth/principal';
import { centreAtSql } from '../../lib/centres/centre-at';
import { importAddresses } from '../../lib/geo/import-addresses';
import { importSettlements } from '../../lib/geo/import-settlements';
import { createIncident } from '../../lib/incidents/create-incident';
import { upsertKbArticles } from '../../lib/kb/upsert-kb-articles';
import { seedMunicipalities } from '../../lib/oncall/municipalities';
import type { Db } from '../client';
import { agencies, centres, incidents, incidentTypes, stations, units, users } from '../schema';
import { AGENCIES, DEMO_INCIDENTS, DEMO_PASSWORD, DEMO_USERS, SERVICES, STATIONS } from './data';
import { seedDomainDemo, seedReference } from './domain';
import { KB_ARTICLES } from './kb';
import { PROTOCOLS } from './protocols';

export interface SeedSummary {
  agencies: number;
  stations: number;
  units: number;
  users: number;
  settlements: number;
  addresses: number;
  incidentsCreated: number;
}

// Idempotent: reference data is upserted by its natural key, demo incidents are added only to an
// empty incident table, and existing passwords are left alone.
export async function seedDemo(db: Db): Promise<SeedSummary> {
  for (const a of AGENCIES) {
    await db
      .insert(agencies)
      .values(a)
      .onConflictDoUpdate({ target: agencies.code, set: { nameSl: a.nameSl, nameEn: a.nameEn } });
  }
  const agencyIds = new Map((await db.select().from(agencies)).map((a) => [a.code, a.id]));

  // Incident types with their protocols. A type a supervisor has edited (questions not empty) is kept.
  for (const [i, t] of PROTOCOLS.entries()) {
    const row = {
      code: t.code,
      nameSl: t.name.sl,
      nameEn: t.name.en,
      defaultPriority: t.defaultPriority,
      agencies: t.agencies,
      needs: t.needs,
      questions: t.questions,
      sort: i,
    };
    await db
      .insert(incidentTypes)
      .values(row)
      .onConflictDoUpdate({
        target: incidentTypes.code,
        set: row,
        setWhere: sql`${incidentTypes.questions} = '[]'::jsonb`,
      });
  }
  await upsertKbArticles(db, KB_ARTICLES);

  // The regions first: a station, a user and an incident each belong to a centre.
  await seedMunicipalities(db);
  const centreIds = new Map((await db.select().from(centres)).map((c) => [c.code, c.id]));

  let unitCount = 0;
  for (const s of [...STATIONS, ...SERVICES]) {
    const agencyId = agencyIds.get(s.agency);
    if (!agencyId) throw new Error(`unknown agency ${s.agency}`);
    const position = sql`ST_SetSRID(ST_MakePoint(${s.lon}, ${s.lat}), 4326)::geography`;
    // Demo service area: a circle around the station (a real centre draws its polygons).
    const serviceArea = sql`ST_Buffer(ST_SetSRID(ST_MakePoint(${s.lon}, ${s.lat}), 4326)::geography, ${s.areaKm * 1000}, 'quad_segs=8')`;
    const [station] = await db
      .insert(stations)
      .values({
        code: s.code,
        name: s.name,
        agencyId,
        address: s.address,
        position,
        serviceArea,
        transferUri: s.transferUri ?? null,
        centreId: centreAtSql(s.lat, s.lon),
      })
      .onConflictDoUpdate({
        target: stations.code,
        set: { name: s.name, address: s.address, position, serviceArea, transferUri: s.transferUri ?? null },
      })
      .returning({ id: stations.id });
    if (!station) throw new Error('station upsert returned nothing');
    for (const [k, unit] of s.units.entries()) {
      // Spread the units a little around their station so their markers do not sit on one pixel.
      const lat = s.lat + 0.0012 * Math.sin(k * 2.1);
      const lon = s.lon + 0.0016 * Math.cos(k * 2.1);
      await db
        .insert(units)
        .values({
          callsign: `${s.code}-${unit.suffix}`,
          type: unit.type,
          capabilities: unit.capabilities,
          stationId: station.id,
          position: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`,
          positionAt: sql`now()`,
        })
        .onConflictDoNothing({ target: units.callsign });
      unitCount++;
    }
  }
  const stationIds = new Map((await db.select().from(stations)).map((s) => [s.code, s.id]));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = [
    ...DEMO_USERS.map((u) => ({
      ...u,
      stationId: 'station' in u ? (stationIds.get(u.station) ?? null) : null,
      centreId: 'centre' in u ? (centreIds.get(u.centre) ?? null) : null,
    })),
    // One account per station for trying several stations at once: st-<code>, e.g. st-nmp-lj.
    ...[...STATIONS, ...SERVICES].map((s) => ({
      username: `st-${s.code.toLowerCase()}`,
      displayName: `${s.name} – dežurni`,
      role: 'station' as const,
      stationId: stationIds.get(s.code) ?? null,
      centreId: null,
    })),
  ];
  for (const p of people) {
    await db
      .insert(users)
      .values({
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        stationId: p.stationId,
        centreId: p.centreId,
        passwordHash,
        demo: true,
      })
      // Marked demo even when the row predates the flag: these names have a published password.
      .onConflictDoUpdate({ target: users.username, set: { demo: true } });
  }

  // The gazetteer: settlements from GeoNames and the demo address points.
  const settlements = await importSettlements(db);
  const addresses = await importAddresses(
    db,
    readFileSync(path.join(process.cwd(), 'db', 'seed', 'addresses.csv'), 'utf8'),
  );

  // The domain databases: reference data (municipalities, dangerous goods) and the demo directory,
  // defibrillators, hydrants, hospitals and location notes.
  await seedReference(db);
  await seedDomainDemo(db);

  let incidentsCreated = 0;
  const [existing] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(incidents);
  if ((existing?.n ?? 0) === 0) {
    const [ct] = await db.select().from(users).where(eq(users.username, 'calltaker'));
    if (!ct) throw new Error('calltaker missing');
    const actor: Principal = {
      kind: 'user',
      id: ct.id,
      userId: ct.id,
      name: ct.username,
      displayName: ct.displayName,
      role: 'call_taker',
      stationId: null,
      centreId: ct.centreId,
    };
    for (const inc of DEMO_INCIDENTS) {
      await createIncident(db, actor, { ...inc, location: { ...inc.location }, caller: { ...inc.caller } });
      incidentsCreated++;
    }
  }

  return {
    agencies: AGENCIES.length,
    stations: STATIONS.length,
    units: unitCount,
    users: people.length,
    settlements,
    addresses,
    incidentsCreated,
  };
}
