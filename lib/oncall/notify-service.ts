import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentTypes, oncallNotifications } from '../../db/schema';
import type { ContactChannel } from '../../db/schema/enums';
import type { Principal } from '../auth/principal';
import { sha256 } from '../auth/secret-token';
import { env } from '../env';
import { AppError, notFound, present } from '../errors';
import { oncallAcknowledged, oncallNotified } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { type IncidentDto, selectIncident } from '../incidents/incident-dto';
import { log } from '../log';
import { mailRelay } from '../messages/conversation-actions';
import { postToGateway } from '../messages/sms';
import { addressFor } from './address-for';
import { type NotificationDto, notificationDto } from './notification-dto';
import { resolveOnDuty } from './resolve-on-duty';

// Notifying an on-call service about an incident: the officer on duty for the incident's place (else
// the service's own desk) through the chosen channel — an SMS through the gateway, an e-mail through
// the relay, the partner's webhook — with a link to acknowledge; or "notified by phone" recorded by
// the operator. Sent first, then recorded with its outcome (a failure is recorded too, so the timeline
// shows it and the operator calls instead). Everything lands on the incident's timeline.

const CHANNEL_SL: Record<ContactChannel, string> = {
  phone: 'po telefonu',
  sms: 'SMS',
  email: 'e-pošta',
  webhook: 'spletni klic',
};

function messageText(incident: IncidentDto, typeName: string, extra: string, ackUrl: string | null) {
  const place =
    incident.location.address || `${incident.location.lat.toFixed(5)}, ${incident.location.lon.toFixed(5)}`;
  return [
    `Center 112: dogodek ${incident.number}, ${typeName}, ${place}.`,
    extra,
    ackUrl ? `Potrdite prejem: ${ackUrl}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function deliver(
  channel: ContactChannel,
  address: string,
  text: string,
  body: Record<string, unknown>,
) {
  const timeout = AbortSignal.timeout(5000);
  if (channel === 'sms') {
    await postToGateway({ to: address, from: env().SMS_SENDER, text, reference: `oncall-${body.id}` });
  } else if (channel === 'email') {
    await mailRelay().sendMail({
      from: `Center 112 <${env().MAIL_ADDRESSES[0]}>`,
      to: address,
      subject: String(body.subject),
      text,
    });
  } else if (channel === 'webhook') {
    const res = await fetch(address, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: timeout,
    });
    if (!res.ok) throw new Error(`the service's webhook answered HTTP ${res.status}`);
  }
}

export async function notifyService(
  db: Db,
  actor: Principal,
  incidentId: number,
  input: { serviceId: number; channel: ContactChannel; message: string },
  origin: string,
): Promise<NotificationDto> {
  const incident = await selectIncident(db, incidentId);
  if (!incident) throw notFound('incident');
  const { services } = await resolveOnDuty(db, {
    lat: incident.location.lat,
    lon: incident.location.lon,
    type: incident.type,
  });
  const service = services.find((s) => s.serviceId === input.serviceId);
  if (!service)
    throw new AppError('validation_failed', 'the service does not answer for this place', [
      {
        field: 'body.serviceId',
        message: "an active service covering the incident's place (GET /api/incidents/{id}/oncall)",
      },
    ]);
  const address = addressFor(service, input.channel);
  if (!address)
    throw new AppError('validation_failed', 'the service has no address for this channel', [
      {
        field: 'body.channel',
        message: `no ${input.channel} contact for the officer on duty or the service`,
      },
    ]);
  const [type] = await db
    .select({ name: incidentTypes.nameSl })
    .from(incidentTypes)
    .where(eq(incidentTypes.code, incident.type));
  const token = input.channel === 'phone' ? null : randomBytes(24).toString('base64url');
  const ackUrl = token ? `${env().PUBLIC_URL ?? origin}/ack/${token}` : null;
  const text = messageText(incident, type?.name ?? incident.type, input.message, ackUrl);
  let error: string | null = null;
  if (input.channel !== 'phone') {
    try {
      await deliver(input.channel, address, text, {
        // A reference of its own for the gateway and the partner: never a part of the acknowledgement token.
        id: randomBytes(6).toString('hex'),
        subject: `112: dogodek ${incident.number}`,
        type: 'oncall.notification',
        incident: {
          number: incident.number,
          type: incident.type,
          priority: incident.priority,
          lat: incident.location.lat,
          lon: incident.location.lon,
          address: incident.location.address,
        },
        text,
        ackUrl,
      });
    } catch (err) {
      error =
        err instanceof Error ? (err.name === 'TimeoutError' ? 'no answer in 5 s' : err.message) : String(err);
      log().warn({ err: error, channel: input.channel, incidentId }, 'on-call notification not delivered');
    }
  }
  const { result } = await inWriteTx(db, actor, async (w) => {
    const phone = input.channel === 'phone';
    const [row] = await w.tx
      .insert(oncallNotifications)
      .values({
        incidentId,
        serviceId: service.serviceId,
        serviceName: service.name,
        officer: service.onDuty?.officer ?? null,
        channel: input.channel,
        address,
        text,
        state: error ? 'failed' : phone ? 'acknowledged' : 'sent',
        error,
        ackTokenHash: token && !error ? sha256(token) : null,
        ...(phone ? { acknowledgedAt: new Date(), ackVia: 'phone', ackNote: input.message || null } : {}),
        createdBy: actor.userId,
        createdByName: actor.displayName,
      })
      .returning();
    const dto = notificationDto(present(row, 'notification'));
    const who = `${service.name}${dto.officer ? ` (${dto.officer})` : ''}`;
    await writeNote(
      w,
      incidentId,
      error
        ? `${who} – ${CHANNEL_SL[input.channel]} ${address}: ni dostavljeno`
        : `${who} – ${CHANNEL_SL[input.channel]} ${address}${phone && input.message ? `: ${input.message}` : ''}`,
      authorOf(actor),
      'oncall_notified',
    );
    w.emit(oncallNotified(dto));
    return dto;
  });
  return result;
}

export async function listNotifications(db: Db, incidentId: number): Promise<NotificationDto[]> {
  const rows = await db
    .select()
    .from(oncallNotifications)
    .where(eq(oncallNotifications.incidentId, incidentId))
    .orderBy(desc(oncallNotifications.createdAt));
  return rows.map(notificationDto);
}

async function acknowledge(
  db: Db,
  actor: Principal | null,
  where: ReturnType<typeof eq>,
  via: 'link' | 'webhook' | 'phone',
  note: string,
): Promise<NotificationDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx.select().from(oncallNotifications).where(where).for('update');
    if (!row) throw notFound('notification');
    // Acknowledged once; a second click on the link (or a retry) answers with the first acknowledgement.
    if (row.state === 'acknowledged') return notificationDto(row);
    const [updated] = await w.tx
      .update(oncallNotifications)
      .set({ state: 'acknowledged', acknowledgedAt: sql`now()`, ackVia: via, ackNote: note || null })
      .where(eq(oncallNotifications.id, row.id))
      .returning();
    const dto = notificationDto(present(updated, 'notification'));
    const by = actor ? authorOf(actor) : { id: null, name: dto.officer ?? dto.serviceName };
    await writeNote(
      w,
      dto.incidentId,
      `${dto.serviceName}${dto.officer ? ` (${dto.officer})` : ''}${note ? `: ${note}` : ''}`,
      by,
      'oncall_acknowledged',
    );
    w.emit(oncallAcknowledged(dto));
    return dto;
  });
  return result;
}

/** The officer opened the link in the message (or the partner's system posted its token). */
export function acknowledgeByToken(db: Db, token: string, via: 'link' | 'webhook', note = '') {
  return acknowledge(db, null, eq(oncallNotifications.ackTokenHash, sha256(token)), via, note);
}

/** The officer confirmed on the phone; the operator records it. */
export function acknowledgeByHand(db: Db, actor: Principal, id: number, note: string) {
  return acknowledge(db, actor, eq(oncallNotifications.id, id), 'phone', note);
}

/** What the acknowledgement page shows before the click: the message the officer received. */
export async function notificationForToken(db: Db, token: string): Promise<NotificationDto | null> {
  const [row] = await db
    .select()
    .from(oncallNotifications)
    .where(eq(oncallNotifications.ackTokenHash, sha256(token)));
  return row ? notificationDto(row) : null;
}
