import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { HospitalCapability } from '../../db/schema/enums';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { type IncidentSubstanceDto, listIncidentSubstances } from '../hazmat/incident-substances';
import { assertCanSeeIncident } from '../incidents/get-incident';
import { selectIncident } from '../incidents/incident-dto';
import { AED_INCIDENT_TYPES } from './aed-types';
import {
  type AedDto,
  type HospitalDto,
  type LocationNoteDto,
  nearestAeds,
  nearestHospitals,
  notesNear,
  type WaterSourceDto,
  waterSourcesNear,
} from './nearest';

// What the domain databases say about an incident's place, for everyone working it: the call-taker
// and dispatcher, and the crew of a station it concerns.

/** The department an incident's patients most likely need, besides any emergency department. */
const TYPE_CAPABILITY: Record<string, HospitalCapability> = {
  cardiac_arrest: 'pci',
  traffic_accident: 'trauma',
  mountain_accident: 'trauma',
  technical_rescue: 'trauma',
  fire_building: 'burns',
};

export interface Surroundings {
  notes: LocationNoteDto[];
  substances: IncidentSubstanceDto[];
  waterSources: WaterSourceDto[];
  hospitals: { capability: HospitalCapability; list: HospitalDto[] }[];
  aeds: { available: AedDto[]; unavailable: AedDto[] } | null;
}

export async function incidentSurroundings(db: Db, viewer: Principal, id: number): Promise<Surroundings> {
  await assertCanSeeIncident(db, viewer, id);
  const incident = present(await selectIncident(db, id), 'incident');
  const { lat, lon } = incident.location;
  const capability = TYPE_CAPABILITY[incident.type];
  const [notes, substances, waterSources, emergency, special, aeds] = await Promise.all([
    notesNear(db, { lat, lon }),
    listIncidentSubstances(db, id),
    waterSourcesNear(db, { lat, lon, radiusM: 500, limit: 8 }),
    nearestHospitals(db, { lat, lon, capability: 'emergency', limit: 2 }),
    capability ? nearestHospitals(db, { lat, lon, capability, limit: 2 }) : Promise.resolve([]),
    AED_INCIDENT_TYPES.includes(incident.type) ? nearestAeds(db, { lat, lon }) : Promise.resolve(null),
  ]);
  return {
    notes,
    substances,
    waterSources,
    hospitals: [
      ...(capability ? [{ capability, list: special }] : []),
      { capability: 'emergency' as const, list: emergency },
    ],
    aeds,
  };
}

/** How many entries each database holds (and how many carry a doubt). */
export async function domainSummary(db: Db) {
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`
      select (select count(*) from aeds) as aeds,
             (select count(*) from aeds where cardinality(doubts) > 0) as aeds_flagged,
             (select count(*) from water_sources) as water,
             (select count(*) from water_sources where cardinality(doubts) > 0) as water_flagged,
             (select count(*) from hospitals) as hospitals,
             (select count(*) from location_notes where deleted_at is null) as notes,
             (select count(*) from dangerous_goods) as dangerous_goods,
             (select count(*) from erg_guides) as guides,
             (select count(*) from oncall_services) as services,
             (select count(*) from municipalities) as municipalities`),
  );
  if (!row) throw notFound('summary');
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<
    | 'aeds'
    | 'aeds_flagged'
    | 'water'
    | 'water_flagged'
    | 'hospitals'
    | 'notes'
    | 'dangerous_goods'
    | 'guides'
    | 'services'
    | 'municipalities',
    number
  >;
}
