import { and, eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { emsiMessages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, pgErrorCode } from '../errors';
import { createIncident } from '../incidents/create-incident';
import type { AssignmentDto, IncidentDto } from '../incidents/incident-dto';
import { selectIncident } from '../incidents/incident-dto';
import { isOpenIncident } from '../incidents/incident-status';
import { updateIncident } from '../incidents/update-incident';

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

/** Our incident statuses → EMSI EVENT/STATUS. */
const EVENT_STATUS: Record<IncidentDto['status'], 'NST' | 'IPR' | 'COM' | 'STOP'> = {
  new: 'NST',
  dispatched: 'IPR',
  in_progress: 'IPR',
  closed: 'COM',
  cancelled: 'STOP',
};

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
  opts: { orgId: string; orgName: string; typeNameEn: string },
): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
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

  for (const a of inc.assignments) {
    const r = emsi.ele('RESOURCE');
    r.ele('RTYPE').ele('CLASS').txt('/VEH').up().ele('CHARACTERISTICS').txt(a.unitType);
    r.ele('ID').txt(a.callsign);
    r.ele('NAME').txt(a.callsign);
    r.ele('STATUS').txt(resourceStatus(a));
  }
  for (const a of inc.assignments) {
    const m = emsi.ele('MISSION');
    m.ele('TYPE').txt(a.unitType);
    m.ele('ID').txt(`${opts.orgId}.${inc.number}.a${a.id}`);
    m.ele('NAME').txt(`${a.callsign} → ${inc.number}`);
    m.ele('STATUS').txt(missionStatus(a));
    m.ele('START_TIME').txt(emsiTime(a.alertedAt));
    if (a.releasedAt) m.ele('END_TIME').txt(emsiTime(a.releasedAt));
    m.ele('RESOURCE_ID').txt(a.callsign);
  }
  return doc.end({ prettyPrint: true });
}

// ---------------------------------------------------------------------------------------------
// Import

const text = z.union([z.string(), z.number()]).transform(String);
const ZEmsiIn = z.object({
  EMSI: z.object({
    CONTEXT: z.object({
      ID: text.pipe(z.string().min(1).max(200)),
      MODE: z.enum(['ACTUAL', 'EXERCS', 'SYSTEM', 'TEST']),
      MSGTYPE: z.enum(['ALERT', 'UPDATE', 'CANCEL', 'ACK', 'ERROR']),
      ORIGIN: z.object({ ORG_ID: text, NAME: text.optional() }).optional(),
      URGENCY: z.enum(['URGENT', 'NOT_URGENT']).optional(),
    }),
    EVENT: z.object({
      ID: text.pipe(z.string().min(1).max(200)),
      NAME: text.optional(),
      ETYPE: z.object({ CATEGORY: z.union([text, z.array(text)]).optional() }).optional(),
      SCALE: text.optional(),
      FREETEXT: text.optional(),
      EGEO: z
        .union([
          z.object({
            POSITION: z.object({
              COORD: z.object({ LAT: z.coerce.number(), LON: z.coerce.number() }),
              ADDRESS: text.optional(),
            }),
          }),
          z.array(z.any()),
        ])
        .optional(),
    }),
  }),
});

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

function firstCoord(egeo: unknown): { lat: number; lon: number; address?: string } | null {
  const list = Array.isArray(egeo) ? egeo : egeo ? [egeo] : [];
  for (const g of list) {
    const c = (g as { POSITION?: { COORD?: { LAT?: unknown; LON?: unknown }; ADDRESS?: unknown } }).POSITION;
    const lat = Number(c?.COORD?.LAT);
    const lon = Number(c?.COORD?.LON);
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)
      return { lat, lon, ...(c?.ADDRESS ? { address: String(c.ADDRESS).slice(0, 300) } : {}) };
  }
  return null;
}

/**
 * A partner's EMSI message: ALERT (or an UPDATE of an event we do not know) opens an incident, UPDATE
 * changes it, CANCEL cancels it. Idempotent by CONTEXT/ID: the same message again changes nothing.
 */
export async function importEmsi(db: Db, actor: Principal, xml: string) {
  let raw: unknown;
  try {
    raw = parser.parse(xml, true);
  } catch (err) {
    throw new AppError('validation_failed', 'not well-formed XML', [
      { field: 'body', message: String((err as Error).message).slice(0, 200) },
    ]);
  }
  const parsed = ZEmsiIn.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'validation_failed',
      'not an EMSI message we can read',
      parsed.error.issues.map((i) => ({
        field: ['body', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  const { CONTEXT: ctx, EVENT: ev } = parsed.data.EMSI;
  if (ctx.MSGTYPE === 'ACK' || ctx.MSGTYPE === 'ERROR')
    throw new AppError('validation_failed', `${ctx.MSGTYPE} messages are not imported`, [
      { field: 'body.EMSI.CONTEXT.MSGTYPE', message: 'ALERT, UPDATE or CANCEL' },
    ]);
  const origin = ctx.ORIGIN?.ORG_ID ?? '';
  const [seen] = await db.select().from(emsiMessages).where(eq(emsiMessages.contextId, ctx.ID));
  if (seen) return { duplicate: true, incidentId: seen.incidentId, msgType: seen.msgType };

  const categories =
    ev.ETYPE?.CATEGORY === undefined
      ? []
      : Array.isArray(ev.ETYPE.CATEGORY)
        ? ev.ETYPE.CATEGORY
        : [ev.ETYPE.CATEGORY];
  const type =
    categories.map((c) => Object.entries(EMSI_CATEGORY).find(([, code]) => code === c)?.[0]).find(Boolean) ??
    'other';
  const scale = Number(ev.SCALE ?? 1);
  const priority = ctx.URGENCY === 'URGENT' || scale >= 3 ? 'red' : scale === 2 ? 'yellow' : 'green';
  // An UPDATE changes only what it carries: without URGENCY or SCALE the priority stays as it is.
  const carriesPriority = ctx.URGENCY !== undefined || ev.SCALE !== undefined;
  const where = firstCoord(ev.EGEO);
  const freetext = [ev.NAME, ev.FREETEXT].filter(Boolean).join(' – ').slice(0, 3000);
  const note = `EMSI ${ctx.MSGTYPE} ${ctx.ID} from ${origin || 'partner'}${ctx.ORIGIN?.NAME ? ` (${ctx.ORIGIN.NAME})` : ''}${ctx.MODE !== 'ACTUAL' ? ` [${ctx.MODE}]` : ''}: ${categories.join(' ')}`;

  const [known] = await db
    .select()
    .from(emsiMessages)
    .where(and(eq(emsiMessages.originOrg, origin), eq(emsiMessages.eventId, ev.ID)))
    .limit(1);
  let incidentId: number;
  if (!known) {
    if (ctx.MSGTYPE === 'CANCEL')
      throw new AppError('validation_failed', 'CANCEL for an event we do not know', [
        { field: 'body.EMSI.EVENT.ID', message: 'unknown event' },
      ]);
    if (!where)
      throw new AppError('validation_failed', 'the event has no position', [
        { field: 'body.EMSI.EVENT.EGEO', message: 'POSITION/COORD with LAT and LON required' },
      ]);
    let inc: IncidentDto;
    try {
      inc = await createIncident(
        db,
        actor,
        {
          type,
          priority,
          description: freetext,
          location: { lat: where.lat, lon: where.lon, ...(where.address ? { address: where.address } : {}) },
          channel: 'other',
        } as never,
        {
          notes: [note],
          // The message is recorded with the incident: a retried ALERT finds it and opens nothing twice.
          alsoInTx: async (tx, created) => {
            await tx.insert(emsiMessages).values({
              contextId: ctx.ID,
              eventId: ev.ID,
              originOrg: origin,
              msgType: ctx.MSGTYPE,
              incidentId: created.id,
            });
          },
        },
      );
    } catch (err) {
      // The same ALERT twice at once: the unique CONTEXT/ID lets one through; the other is a duplicate.
      const [again] = await db.select().from(emsiMessages).where(eq(emsiMessages.contextId, ctx.ID));
      if (pgErrorCode(err) === '23505' && again)
        return { duplicate: true, incidentId: again.incidentId, msgType: again.msgType };
      throw err;
    }
    return { duplicate: false, incidentId: inc.id, msgType: ctx.MSGTYPE };
  } else {
    incidentId = known.incidentId;
    const current = await selectIncident(db, incidentId);
    if (!current) throw new AppError('not_found', 'incident of this event no longer exists');
    const open = isOpenIncident(current.status);
    if (ctx.MSGTYPE === 'CANCEL' && open)
      await updateIncident(db, actor, incidentId, {
        version: current.version,
        status: 'cancelled',
        closeReason: note.slice(0, 500),
      } as never);
    else if (open)
      await updateIncident(db, actor, incidentId, {
        version: current.version,
        ...(carriesPriority ? { priority } : {}),
        ...(freetext ? { description: freetext } : {}),
        ...(where
          ? {
              location: {
                lat: where.lat,
                lon: where.lon,
                ...(where.address ? { address: where.address } : {}),
              },
            }
          : {}),
      } as never);
  }
  try {
    await db
      .insert(emsiMessages)
      .values({ contextId: ctx.ID, eventId: ev.ID, originOrg: origin, msgType: ctx.MSGTYPE, incidentId });
  } catch (err) {
    if (pgErrorCode(err) !== '23505') throw err;
  }
  return { duplicate: false, incidentId, msgType: ctx.MSGTYPE };
}
