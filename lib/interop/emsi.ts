import type { AssignmentDto, IncidentDto } from '../incidents/incident-dto';
import { xmlDocument } from './xml-document';

// EMSI (ISO/TR 22351, Emergency Management Shared Information): an incident with its resources and
// missions for a partner's system, and a partner's message turned into an incident here. The mapping of
// our types and statuses to EMSI codes is in docs/interop.md.

/** Our incident types → EMSI EVENT/ETYPE/CATEGORY (agreed with each partner; unknown codes import as "other"). */
export const EMSI_CATEGORY: Record<string, string> = {
  fire_building: '/FIR/BLD',
  fire_vehicle: '/FIR/VEH',
  fire_forest: '/FIR/FOR',
  traffic_accident: '/TRP/COL',
  medical: '/MED',
  cardiac_arrest: '/MED/CAR',
  mountain_accident: '/RES/MNT',
  water_rescue: '/RES/WAT',
  cave_rescue: '/RES/CAV',
  technical_rescue: '/RES/TEC',
  hazmat: '/CBRN',
  gas_leak: '/CBRN/GAS',
  flood: '/NAT/FLD',
  storm_damage: '/NAT/STM',
  animal_rescue: '/RES/ANI',
  other: '/OTH',
};

/** Our incident statuses → EMSI EVENT/STATUS (STOP would say "under control", not cancelled). */
const EVENT_STATUS: Record<IncidentDto['status'], 'NST' | 'IPR' | 'COM' | 'CANCLD'> = {
  new: 'NST',
  dispatched: 'IPR',
  in_progress: 'IPR',
  closed: 'COM',
  cancelled: 'CANCLD',
};

/** Capability → RTYPE/CHARACTERISTICS code (1–8 of A–Z, 0–9; our mapping, docs/interop.md). */
const CHARACTERISTIC: Record<string, string> = {
  fire: 'FF',
  water: 'WATER',
  crew: 'CREW',
  aerial: 'LADDER',
  technical_rescue: 'TECRESC',
  hazmat: 'HAZMAT',
  command: 'C2',
  forest_fire: 'FORFIRE',
  medical: 'MED',
  transport: 'PATTRANS',
  physician: 'PHYS',
  mountain_rescue: 'MNTRESC',
  rope: 'ROPE',
  cave_rescue: 'CAVRESC',
  water_rescue: 'WATRESC',
  diving: 'DIVING',
  helicopter: 'HELI',
};

const codeOf = (capability: string) =>
  CHARACTERISTIC[capability] ??
  (capability
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8) ||
    'OTH');

/** RTYPE/CLASS as a full code path, from what the unit can do. */
function resourceClass(capabilities: readonly string[]): string {
  const has = (c: string) => capabilities.includes(c);
  if (has('helicopter')) return 'VEH/AIR/HELI';
  if (has('medical') || has('physician') || has('transport')) return 'VEH/GRD/AMB';
  if (has('fire') || has('water') || has('aerial') || has('forest_fire') || has('technical_rescue'))
    return 'VEH/GRD/FIRE';
  if (has('mountain_rescue') || has('cave_rescue') || has('rope')) return 'HUM/TEAM/SAR';
  return 'VEH/GRD';
}

/** MISSION/TYPE: what the unit is sent to do. */
function missionType(capabilities: readonly string[]): string {
  const has = (c: string) => capabilities.includes(c);
  if (has('mountain_rescue') || has('cave_rescue') || has('water_rescue') || has('helicopter')) return 'SAR';
  if (has('medical') || has('physician')) return 'MED';
  if (has('fire') || has('forest_fire')) return 'FF';
  if (has('technical_rescue')) return 'RESCUE';
  if (has('command')) return 'C2';
  return 'OTH';
}

/** Assignment status → RESOURCE/STATUS and MISSION/STATUS. */
function resourceStatus(a: AssignmentDto): string {
  if (a.releasedAt) return 'AVAILB';
  if (a.onSceneAt || ['on_scene', 'transporting', 'at_hospital'].includes(a.status)) return 'IN_USE/ON_SCENE';
  if (a.enRouteAt || a.status === 'en_route') return 'IN_USE/MOBILE';
  return 'IN_USE';
}
function missionStatus(a: AssignmentDto): string {
  if (a.releasedAt) return a.onSceneAt ? 'COM' : 'CANCLD';
  return a.enRouteAt || a.onSceneAt ? 'IPR' : 'NST';
}

const emsiTime = (iso: string) => `${new Date(iso).toISOString().slice(0, 19)}Z`;

export function incidentEmsi(
  inc: IncidentDto & { assignments: AssignmentDto[] },
  opts: {
    orgId: string;
    orgName: string;
    typeNameEn: string;
    /** Each assigned unit's capabilities, for the resource and mission codes. */
    capabilities: ReadonlyMap<number, readonly string[]>;
  },
): string {
  const doc = xmlDocument();
  const emsi = doc.ele('EMSI');
  const ctx = emsi.ele('CONTEXT');
  const id = (v: number) => `${opts.orgId}.${inc.number}.v${v}`.replace(/\s/g, '-');
  ctx.ele('ID').txt(id(inc.version));
  ctx.ele('MODE').txt('ACTUAL');
  ctx.ele('MSGTYPE').txt(inc.status === 'cancelled' ? 'CANCEL' : inc.version === 1 ? 'ALERT' : 'UPDATE');
  ctx.ele('CREATION').txt(emsiTime(inc.updatedAt));
  if (inc.version > 1) ctx.ele('LINK').ele('ID').txt(id(1)).up().ele('ROLE').txt('ADDSTO');
  ctx.ele('LEVEL').txt('OPR');
  ctx.ele('SECLASS').txt('RESTRC');
  ctx.ele('ORIGIN').ele('ORG_ID').txt(opts.orgId).up().ele('NAME').txt(opts.orgName);
  ctx.ele('URGENCY').txt(inc.priority === 'green' ? 'NOT_URGENT' : 'URGENT');

  const ev = emsi.ele('EVENT');
  ev.ele('ID').txt(inc.number);
  ev.ele('NAME').txt(opts.typeNameEn.slice(0, 40));
  ev.ele('ETYPE')
    .ele('CATEGORY')
    .txt(EMSI_CATEGORY[inc.type] ?? '/OTH');
  ev.ele('SOURCE').txt(['aml', 'ecall'].includes(inc.channel) ? 'SENSOR' : 'HUMOBS');
  ev.ele('SCALE').txt(inc.priority === 'red' ? '3' : inc.priority === 'yellow' ? '2' : '1');
  ev.ele('CERTAINTY').txt(inc.flagged ? '70' : '100');
  ev.ele('DECL_DATIME').txt(emsiTime(inc.createdAt));
  if (inc.callStartedAt) ev.ele('OBS_DATIME').txt(emsiTime(inc.callStartedAt));
  ev.ele('STATUS').txt(EVENT_STATUS[inc.status]);
  const pos = ev.ele('EGEO').ele('TYPE').txt('GEN').up().ele('POSITION');
  pos
    .ele('COORD')
    .ele('LAT')
    .txt(inc.location.lat.toFixed(6))
    .up()
    .ele('LON')
    .txt(inc.location.lon.toFixed(6));
  if (inc.location.address) pos.ele('ADDRESS').txt(inc.location.address);
  if (inc.description) ev.ele('FREETEXT').txt(inc.description.slice(0, 500));

  const capsOf = (a: AssignmentDto) => opts.capabilities.get(a.unitId) ?? [];
  for (const a of inc.assignments) {
    const r = emsi.ele('RESOURCE');
    const rtype = r.ele('RTYPE');
    rtype.ele('CLASS').txt(resourceClass(capsOf(a)));
    for (const c of new Set(capsOf(a).map(codeOf))) rtype.ele('CHARACTERISTICS').txt(c);
    r.ele('ID').txt(a.callsign);
    r.ele('NAME').txt(a.callsign);
    // The vehicle type as the centre writes it (e.g. "GVC 16/25") is text, not a code.
    r.ele('FREETEXT').txt(a.unitType);
    r.ele('STATUS').txt(resourceStatus(a));
  }
  for (const a of inc.assignments) {
    const m = emsi.ele('MISSION');
    m.ele('TYPE').txt(missionType(capsOf(a)));
    m.ele('ID').txt(`${opts.orgId}.${inc.number}.a${a.id}`);
    m.ele('NAME').txt(`${a.callsign} → ${inc.number}`);
    m.ele('STATUS').txt(missionStatus(a));
    m.ele('START_TIME').txt(emsiTime(a.alertedAt));
    if (a.releasedAt) m.ele('END_TIME').txt(emsiTime(a.releasedAt));
    m.ele('RESOURCE_ID').txt(a.callsign);
  }
  return doc.end({ prettyPrint: true });
}
