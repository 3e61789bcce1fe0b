import { and, eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { emsiMessages } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, pgErrorCode } from '../errors';
import { addIncidentNote } from '../incidents/add-incident-note';
import { createIncident } from '../incidents/create-incident';
import { type IncidentDto, selectIncident } from '../incidents/incident-dto';
import { isOpenIncident } from '../incidents/incident-status';
import { updateIncident } from '../incidents/update-incident';
import { EMSI_CATEGORY } from './emsi';

// A partner's EMSI message (ISO/TR 22351) turned into an incident here. Read as partners send it:
// with or without a namespace prefix (<emsi:EMSI>), in its declared character set (UTF-8,
// ISO-8859-2, windows-1250…), an event as a point or an area of several COORD. Everything it carries
// that has no field of ours (casualties, evacuation, the partner's resources and missions, external
// information, actors, location types) is kept: the whole message is stored with the record of it,
// and a summary is written on the incident's timeline for the people who work it.

/** The message's text in its declared character set: the XML declaration, else Content-Type's charset. */
export function decodeXmlBody(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared =
    /^\uFEFF?\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1] ??
    /charset=["']?([A-Za-z0-9._-]{1,40})/i.exec(contentType)?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase());
  } catch {
    throw new AppError('validation_failed', `unknown character set ${declared}`, [
      { field: 'body.encoding', message: 'a character set such as UTF-8, ISO-8859-2 or windows-1250' },
    ]);
  }
  return decoder.decode(bytes);
}

const text = z.union([z.string(), z.number()]).transform(String);
const list = <T extends z.ZodType>(t: T) => z.array(t).optional().default([]);

const ZCoord = z.object({ LAT: z.coerce.number(), LON: z.coerce.number() });
const ZEgeo = z.object({
  TYPE: text.optional(),
  POSITION: z
    .object({ NAME: text.optional(), TYPE: text.optional(), COORD: list(z.unknown()), ADDRESS: list(text) })
    .optional(),
});

const ZEmsiIn = z.object({
  EMSI: z.object({
    CONTEXT: z.object({
      ID: text.pipe(z.string().min(1).max(200)),
      MODE: z.enum(['ACTUAL', 'EXERCS', 'SYSTEM', 'TEST']),
      MSGTYPE: z.enum(['ALERT', 'UPDATE', 'CANCEL', 'ACK', 'ERROR']),
      ORIGIN: z.object({ ORG_ID: text, NAME: text.optional() }).optional(),
      URGENCY: z.enum(['URGENT', 'NOT_URGENT']).optional(),
      EXTERNAL_INFO: list(
        z.object({ URI: text.optional(), FREETEXT: text.optional(), TYPE: text.optional() }),
      ),
    }),
    EVENT: z.object({
      ID: text.pipe(z.string().min(1).max(200)),
      NAME: text.optional(),
      ETYPE: z
        .object({ CATEGORY: list(text), ACTOR: list(text), LOCTYPE: list(text), ENV: list(text) })
        .optional(),
      SCALE: text.optional(),
      CAUSE: text.optional(),
      RISK_ASSESSMNT: text.optional(),
      FREETEXT: text.optional(),
      CASUALTIES: list(z.record(z.string(), z.unknown())),
      EVAC: list(z.record(z.string(), z.unknown())),
      EGEO: list(ZEgeo),
    }),
    RESOURCE: list(z.record(z.string(), z.unknown())),
    MISSION: list(z.record(z.string(), z.unknown())),
  }),
});
type EmsiIn = z.infer<typeof ZEmsiIn>['EMSI'];

/** Elements that may repeat: always arrays, however many the partner sent. */
const REPEATED = new Set([
  'LINK',
  'EXTERNAL_INFO',
  'CATEGORY',
  'ACTOR',
  'LOCTYPE',
  'ENV',
  'REFERENCE',
  'CASUALTIES',
  'EVAC',
  'EGEO',
  'COORD',
  'ADDRESS',
  'RESOURCE',
  'MISSION',
  'CLASS',
  'CAPABILITY',
  'CHARACTERISTICS',
  'RGEO',
  'RESOURCE_ID',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  removeNSPrefix: true,
  isArray: (name) => REPEATED.has(name),
});

/** Where the event is: a point, or the centre of an area given as several COORD. */
function placeOf(egeo: EmsiIn['EVENT']['EGEO']) {
  for (const g of egeo) {
    const coords = (g.POSITION?.COORD ?? [])
      .map((c) => ZCoord.safeParse(c))
      .flatMap((c) => (c.success ? [c.data] : []))
      .filter(
        (c) =>
          Number.isFinite(c.LAT) && Number.isFinite(c.LON) && Math.abs(c.LAT) <= 90 && Math.abs(c.LON) <= 180,
      );
    if (coords.length === 0) continue;
    const lat = coords.reduce((a, c) => a + c.LAT, 0) / coords.length;
    const lon = coords.reduce((a, c) => a + c.LON, 0) / coords.length;
    const address = g.POSITION?.ADDRESS[0];
    return {
      lat,
      lon,
      ...(address ? { address: address.slice(0, 300) } : {}),
      area: coords.length > 1 ? coords : null,
    };
  }
  return null;
}

const num = (v: unknown) => (v === undefined || v === '' ? null : String(v));
const field = (o: Record<string, unknown>, k: string) => {
  const v = o[k];
  return Array.isArray(v)
    ? v.map(String).join(', ')
    : v === undefined
      ? ''
      : typeof v === 'object'
        ? ''
        : String(v);
};

/** What the message carries beyond our fields, for the incident's timeline (the centre's language). */
export function carriedSummary(m: EmsiIn, area: { LAT: number; LON: number }[] | null): string[] {
  const lines: string[] = [];
  const ev = m.EVENT;
  if (area)
    lines.push(
      `Območje (${area.length} točk): ${area.map((c) => `${c.LAT.toFixed(5)} ${c.LON.toFixed(5)}`).join('; ')}`.slice(
        0,
        800,
      ),
    );
  for (const c of ev.CASUALTIES) {
    const parts = [
      ['rdeči', 'TRIAGERED'],
      ['rumeni', 'TRIAGEYELLOW'],
      ['zeleni', 'TRIAGEGREEN'],
      ['mrtvi', 'TRIAGEBLACK'],
      ['pogrešani', 'MISSING'],
      ['za dekontaminacijo', 'DECONT'],
    ]
      .map(([label, k]) => [label, num(c[k as string])] as const)
      .filter(([, v]) => v !== null)
      .map(([label, v]) => `${label} ${v}`);
    lines.push(
      `Ponesrečeni${c.CONTEXT ? ` (${field(c, 'CONTEXT')})` : ''}: ${parts.join(', ') || 'brez številk'}`,
    );
  }
  for (const e of ev.EVAC) {
    const parts = [
      ['evakuirani', 'EVACUATED'],
      ['razseljeni', 'DISPLACED'],
    ]
      .map(([label, k]) => [label, num(e[k as string])] as const)
      .filter(([, v]) => v !== null)
      .map(([label, v]) => `${label} ${v}`);
    lines.push(`Evakuacija: ${parts.join(', ') || 'brez številk'}`);
  }
  if (ev.ETYPE?.ACTOR.length) lines.push(`Udeleženi (ACTOR): ${ev.ETYPE.ACTOR.join(', ')}`);
  if (ev.ETYPE?.LOCTYPE.length) lines.push(`Vrsta kraja (LOCTYPE): ${ev.ETYPE.LOCTYPE.join(', ')}`);
  if (ev.ETYPE?.ENV.length) lines.push(`Okolje (ENV): ${ev.ETYPE.ENV.join(', ')}`);
  if (ev.CAUSE) lines.push(`Vzrok: ${ev.CAUSE}`);
  if (ev.RISK_ASSESSMNT) lines.push(`Ocena tveganja: ${ev.RISK_ASSESSMNT}`);
  for (const r of m.RESOURCE) {
    const rtype = (r.RTYPE ?? {}) as Record<string, unknown>;
    lines.push(
      `Sredstvo partnerja: ${field(r, 'NAME') || field(r, 'ID') || '?'} (${field(rtype, 'CLASS')}${field(r, 'STATUS') ? `, ${field(r, 'STATUS')}` : ''})`,
    );
  }
  for (const x of m.MISSION)
    lines.push(
      `Naloga partnerja: ${field(x, 'TYPE')} ${field(x, 'NAME') || field(x, 'ID')}${field(x, 'STATUS') ? ` (${field(x, 'STATUS')})` : ''}`,
    );
  for (const x of m.CONTEXT.EXTERNAL_INFO)
    lines.push(`Zunanji vir: ${x.URI ?? ''}${x.FREETEXT ? ` – ${x.FREETEXT}` : ''}`);
  return lines.map((l) => l.slice(0, 500));
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
  const m = parsed.data.EMSI;
  const { CONTEXT: ctx, EVENT: ev } = m;
  if (ctx.MSGTYPE === 'ACK' || ctx.MSGTYPE === 'ERROR')
    throw new AppError('validation_failed', `${ctx.MSGTYPE} messages are not imported`, [
      { field: 'body.EMSI.CONTEXT.MSGTYPE', message: 'ALERT, UPDATE or CANCEL' },
    ]);
  const origin = ctx.ORIGIN?.ORG_ID ?? '';
  const [seen] = await db.select().from(emsiMessages).where(eq(emsiMessages.contextId, ctx.ID));
  if (seen) return { duplicate: true, incidentId: seen.incidentId, msgType: seen.msgType };

  const categories = ev.ETYPE?.CATEGORY ?? [];
  const type =
    categories.map((c) => Object.entries(EMSI_CATEGORY).find(([, code]) => code === c)?.[0]).find(Boolean) ??
    'other';
  const scale = Number(ev.SCALE ?? 1);
  const priority = ctx.URGENCY === 'URGENT' || scale >= 3 ? 'red' : scale === 2 ? 'yellow' : 'green';
  // An UPDATE changes only what it carries: without URGENCY or SCALE the priority stays as it is.
  const carriesPriority = ctx.URGENCY !== undefined || ev.SCALE !== undefined;
  const where = placeOf(ev.EGEO);
  const freetext = [ev.NAME, ev.FREETEXT].filter(Boolean).join(' – ').slice(0, 3000);
  const note = [
    `EMSI ${ctx.MSGTYPE} ${ctx.ID} from ${origin || 'partner'}${ctx.ORIGIN?.NAME ? ` (${ctx.ORIGIN.NAME})` : ''}${ctx.MODE !== 'ACTUAL' ? ` [${ctx.MODE}]` : ''}: ${categories.join(' ')}`,
    ...carriedSummary(m, where?.area ?? null),
  ].join('\n');
  const record = (incidentId: number) => ({
    contextId: ctx.ID,
    eventId: ev.ID,
    originOrg: origin,
    msgType: ctx.MSGTYPE,
    incidentId,
    message: raw as Record<string, unknown>,
  });

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
          location: {
            lat: where.lat,
            lon: where.lon,
            ...(where.address ? { address: where.address } : {}),
          },
          channel: 'other',
        } as never,
        {
          notes: [note],
          // The message is recorded with the incident: a retried ALERT finds it and opens nothing twice.
          alsoInTx: async (tx, created) => {
            await tx.insert(emsiMessages).values(record(created.id));
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
  }
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
  else if (open) {
    const changes = {
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
    };
    if (Object.keys(changes).length)
      await updateIncident(db, actor, incidentId, { version: current.version, ...changes } as never);
    await addIncidentNote(db, actor, incidentId, note);
  }
  try {
    await db.insert(emsiMessages).values(record(incidentId));
  } catch (err) {
    if (pgErrorCode(err) !== '23505') throw err;
  }
  return { duplicate: false, incidentId, msgType: ctx.MSGTYPE };
}
