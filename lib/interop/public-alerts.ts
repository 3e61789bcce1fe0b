import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { publicAlerts } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound } from '../errors';
import { publicAlertPublished } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { assertValidPolygon, polygonGeographySql, ZPolygon } from '../geo/polygon';
import { CAP_CATEGORIES, CAP_NS, capDateTime, senderDomain } from './cap';
import { xmlDocument } from './xml-document';

const ZText = (max: number) => z.string().trim().max(max);

export const ZPublicAlert = z.object({
  status: z.enum(['Actual', 'Exercise']).default('Actual'),
  category: z.enum(CAP_CATEGORIES),
  urgency: z.enum(['Immediate', 'Expected', 'Future']),
  severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor']),
  certainty: z.enum(['Observed', 'Likely', 'Possible']),
  event: z.object({ sl: ZText(100).min(1), en: ZText(100).min(1) }),
  headline: z.object({ sl: ZText(160).min(1), en: ZText(160).min(1) }),
  description: z.object({ sl: ZText(4000), en: ZText(4000) }).default({ sl: '', en: '' }),
  instruction: z.object({ sl: ZText(2000), en: ZText(2000) }).default({ sl: '', en: '' }),
  areaDesc: ZText(300).min(1),
  polygon: ZPolygon,
  expiresInHours: z.number().int().min(1).max(168).default(6),
});

type Row = typeof publicAlerts.$inferSelect & { ring: [number, number][] };

async function selectAlerts(db: Db, where: ReturnType<typeof eq> | undefined, limit: number): Promise<Row[]> {
  const rows = await db
    .select({ a: publicAlerts, geo: sql<string>`ST_AsGeoJSON(${publicAlerts.area})` })
    .from(publicAlerts)
    .where(where)
    .orderBy(desc(publicAlerts.sent), desc(publicAlerts.id))
    .limit(limit);
  return rows.map(({ a, geo }) => ({
    ...a,
    ring:
      (JSON.parse(geo) as { coordinates: [number, number][][] }).coordinates[0]?.map(
        ([lon, lat]) => [lat, lon] as [number, number],
      ) ?? [],
  }));
}

function identifierFor(sender: string, id: number, kind: 'Alert' | 'Cancel') {
  return `${senderDomain(sender)}.public.${id}${kind === 'Cancel' ? '.cancel' : ''}`;
}

/** A supervisor publishes a public warning for a drawn area; invalid areas (self-crossing) are refused. */
export async function publishAlert(
  db: Db,
  actor: Principal,
  input: z.infer<typeof ZPublicAlert>,
  sender: string,
) {
  await assertValidPolygon(db, input.polygon, 'body.polygon');
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .insert(publicAlerts)
      .values({
        identifier: sql`'pending-' || gen_random_uuid()`,
        msgType: 'Alert',
        status: input.status,
        category: input.category,
        urgency: input.urgency,
        severity: input.severity,
        certainty: input.certainty,
        eventSl: input.event.sl,
        eventEn: input.event.en,
        headlineSl: input.headline.sl,
        headlineEn: input.headline.en,
        descriptionSl: input.description.sl,
        descriptionEn: input.description.en,
        instructionSl: input.instruction.sl,
        instructionEn: input.instruction.en,
        areaDesc: input.areaDesc,
        area: polygonGeographySql(input.polygon),
        expires: sql`now() + make_interval(hours => ${input.expiresInHours})`,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      })
      .returning({ id: publicAlerts.id });
    if (!row) throw new Error('alert not stored');
    await w.tx
      .update(publicAlerts)
      .set({ identifier: identifierFor(sender, row.id, 'Alert') })
      .where(eq(publicAlerts.id, row.id));
    const [a] = await selectAlerts(w.tx, eq(publicAlerts.id, row.id), 1);
    if (!a) throw new Error('alert vanished');
    w.emit(publicAlertPublished(summary(a)));
    return summary(a);
  });
  return result;
}

/** A Cancel message referencing the alert; the alert stays in the feed with it. */
export async function cancelAlert(db: Db, actor: Principal, id: number, sender: string) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [orig] = await selectAlerts(w.tx, eq(publicAlerts.id, id), 1);
    if (orig?.msgType !== 'Alert') throw notFound('public alert');
    const [dup] = await w.tx.select().from(publicAlerts).where(eq(publicAlerts.cancels, id));
    if (dup)
      throw new AppError('conflict', 'already cancelled', [{ field: 'id', message: 'already cancelled' }]);
    const [row] = await w.tx
      .insert(publicAlerts)
      .values({
        identifier: identifierFor(sender, id, 'Cancel'),
        msgType: 'Cancel',
        cancels: id,
        status: orig.status,
        category: orig.category,
        urgency: orig.urgency,
        severity: orig.severity,
        certainty: orig.certainty,
        eventSl: orig.eventSl,
        eventEn: orig.eventEn,
        headlineSl: `Preklic: ${orig.headlineSl}`.slice(0, 160),
        headlineEn: `Cancelled: ${orig.headlineEn}`.slice(0, 160),
        areaDesc: orig.areaDesc,
        area: polygonGeographySql(orig.ring),
        expires: orig.expires,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      })
      .returning({ id: publicAlerts.id });
    if (!row) throw new Error('cancel not stored');
    const [c] = await selectAlerts(w.tx, eq(publicAlerts.id, row.id), 1);
    if (!c) throw new Error('cancel vanished');
    w.emit(publicAlertPublished(summary(c)));
    return summary(c);
  });
  return result;
}

export type PublicAlertDto = ReturnType<typeof summary>;

function summary(a: Row) {
  return {
    id: a.id,
    identifier: a.identifier,
    msgType: a.msgType,
    cancels: a.cancels,
    status: a.status,
    headline: { sl: a.headlineSl, en: a.headlineEn },
    areaDesc: a.areaDesc,
    polygon: a.ring,
    sent: a.sent.toISOString(),
    expires: a.expires.toISOString(),
    by: a.createdByName,
  };
}

export async function listPublicAlerts(db: Db) {
  return (await selectAlerts(db, undefined, 100)).map(summary);
}

export async function publicAlertXml(db: Db, id: number, sender: string): Promise<string> {
  const [a] = await selectAlerts(db, eq(publicAlerts.id, id), 1);
  if (!a) throw notFound('public alert');
  const [orig] = a.cancels ? await selectAlerts(db, eq(publicAlerts.id, a.cancels), 1) : [];
  const doc = xmlDocument();
  const alert = doc.ele(CAP_NS, 'alert');
  alert.ele('identifier').txt(a.identifier);
  alert.ele('sender').txt(sender);
  alert.ele('sent').txt(capDateTime(a.sent));
  alert.ele('status').txt(a.status);
  alert.ele('msgType').txt(a.msgType);
  alert.ele('scope').txt('Public');
  if (orig) alert.ele('references').txt(`${sender},${orig.identifier},${capDateTime(orig.sent)}`);
  for (const lang of ['sl', 'en'] as const) {
    const info = alert.ele('info');
    info.ele('language').txt(lang === 'sl' ? 'sl-SI' : 'en-US');
    info.ele('category').txt(a.category);
    info.ele('event').txt(lang === 'sl' ? a.eventSl : a.eventEn);
    info.ele('urgency').txt(a.msgType === 'Cancel' ? 'Past' : a.urgency);
    info.ele('severity').txt(a.severity);
    info.ele('certainty').txt(a.certainty);
    info.ele('expires').txt(capDateTime(a.expires));
    info.ele('headline').txt(lang === 'sl' ? a.headlineSl : a.headlineEn);
    const description = lang === 'sl' ? a.descriptionSl : a.descriptionEn;
    if (description) info.ele('description').txt(description);
    const instruction = lang === 'sl' ? a.instructionSl : a.instructionEn;
    if (instruction) info.ele('instruction').txt(instruction);
    const area = info.ele('area');
    area.ele('areaDesc').txt(a.areaDesc);
    area.ele('polygon').txt(a.ring.map(([lat, lon]) => `${lat.toFixed(6)},${lon.toFixed(6)}`).join(' '));
  }
  return doc.end({ prettyPrint: true });
}

/** Atom (RFC 4287) feed of the published alerts, each entry linking to its CAP document. */
export async function capFeed(db: Db, baseUrl: string, title: string): Promise<string> {
  const list = await selectAlerts(db, undefined, 50);
  const doc = xmlDocument();
  const feed = doc.ele('http://www.w3.org/2005/Atom', 'feed');
  feed.ele('id').txt(`${baseUrl}/api/cap/feed`);
  feed.ele('title').txt(title);
  feed.ele('updated').txt((list[0]?.sent ?? new Date(0)).toISOString());
  feed.ele('link', { rel: 'self', href: `${baseUrl}/api/cap/feed` });
  feed.ele('author').ele('name').txt(title);
  for (const a of list) {
    const e = feed.ele('entry');
    e.ele('id').txt(`urn:cap:${a.identifier}`);
    e.ele('title').txt(a.headlineSl);
    e.ele('updated').txt(a.sent.toISOString());
    e.ele('link', {
      rel: 'alternate',
      type: 'application/cap+xml',
      href: `${baseUrl}/api/cap/alerts/${a.id}`,
    });
    e.ele('summary').txt(`${a.headlineEn} – ${a.areaDesc}`);
  }
  return doc.end({ prettyPrint: true });
}
