import type { AssignmentStatus, UnitStatus } from '../../db/schema/enums';
import type { AlertDto } from '../alerts/alert-dto';
import type { ApiTokenDto } from '../auth/manage-api-tokens';
import type { CentreDto, TakeoverDto } from '../centres/centre-dto';
import type { TransferDto } from '../centres/transfer';
import type { HandoverDto } from '../handovers/handover-dto';
import type { IncidentSubstanceDto } from '../hazmat/incident-substances';
import type { AssignmentDto, CallerDto, IncidentDto, NoteDto } from '../incidents/incident-dto';
import type { IncidentBefore, IncidentChange } from '../incidents/schemas';
import type { PublicAlertDto } from '../interop/public-alerts';
import type { LocationFixDto } from '../locations/location-fix-dto';
import type { ConversationDto, MessageDto } from '../messages/conversation-dto';
import type { NotificationDto } from '../oncall/notification-dto';
import type { CallDto, CallPositionDto } from '../telephony/call-dto';
import type { UnitDto } from '../units/unit-dto';
import type { WebhookDto } from '../webhooks/manage-webhooks';
import type { EventData, EventPayloads, EventType } from './catalogue';

// One builder per event type: the only way to make an event that `emit` accepts (the brand below
// cannot be written outside this module). A builder takes the entities as they now are and files the
// event under the ids that decide who may see it (EVENT_CATALOGUE[type].scope).

declare const built: unique symbol;

export type CadEvent<K extends EventType = EventType> = {
  [T in K]: {
    readonly type: T;
    readonly incidentId: number | null;
    readonly unitId: number | null;
    readonly stationId: number | null;
    readonly data: EventPayloads[T];
    readonly [built]: true;
  };
}[K];

interface Ids {
  incidentId?: number | null;
  unitId?: number | null;
  stationId?: number | null;
}

function make<T extends EventType>(type: T, ids: Ids, data: EventData<T>): CadEvent<T> {
  const event = {
    type,
    incidentId: ids.incidentId ?? null,
    unitId: ids.unitId ?? null,
    stationId: ids.stationId ?? null,
    data,
  };
  // The brand exists in the type only; this is the one place that grants it.
  return event as unknown as CadEvent<T>;
}

const ofAlert = (a: AlertDto): Ids => ({
  incidentId: a.incidentId,
  unitId: a.unitId,
  stationId: a.stationId,
});
const ofAssignment = (a: AssignmentDto): Ids => ({
  incidentId: a.incidentId,
  unitId: a.unitId,
  stationId: a.stationId,
});
const ofUnit = (u: UnitDto): Ids => ({ unitId: u.id, stationId: u.stationId });

export const incidentCreated = (incident: IncidentDto) =>
  make('incident.created', { incidentId: incident.id }, { incident });

/** `before`: the changed fields' previous values (beforeOf picks them from the previous incident). */
export const incidentUpdated = (incident: IncidentDto, changes: IncidentChange[], before: IncidentBefore) =>
  make('incident.updated', { incidentId: incident.id }, { incident, changes, before });

export function beforeOf(previous: IncidentDto, changes: IncidentChange[]): IncidentBefore {
  return Object.fromEntries(changes.map((c) => [c, previous[c]])) as IncidentBefore;
}

export const noteAdded = (note: NoteDto) =>
  make('incident.note_added', { incidentId: note.incidentId }, { note });

export const callerAdded = (caller: CallerDto) =>
  make('incident.caller_added', { incidentId: caller.incidentId }, { caller });

export const incidentLinked = (incidentId: number, linkedId: number, linked: boolean) =>
  make('incident.linked', { incidentId }, { incidentId, linkedId, linked });

export const assignmentCreated = (assignment: AssignmentDto) =>
  make('assignment.created', ofAssignment(assignment), { assignment });

export const assignmentUpdated = (assignment: AssignmentDto, from: AssignmentStatus) =>
  make('assignment.updated', ofAssignment(assignment), { assignment, from });

/** A new alert, or a re-alert of the same one (its realertCount says which). */
export const alertCreated = (alert: AlertDto, incident: IncidentDto, unit: UnitDto) =>
  make('alert.created', ofAlert(alert), { alert, incident, unit });

export const alertDelivered = (alert: AlertDto) => make('alert.delivered', ofAlert(alert), { alert });
export const alertAcknowledged = (alert: AlertDto) => make('alert.acknowledged', ofAlert(alert), { alert });
export const alertEscalated = (alert: AlertDto) => make('alert.escalated', ofAlert(alert), { alert });
export const alertCancelled = (alert: AlertDto) => make('alert.cancelled', ofAlert(alert), { alert });

/**
 * Filed under the incident the unit works on (or has just been released from) too, so the incident's
 * stations and its replay follow it.
 */
export const unitStatusChanged = (unit: UnitDto, from: UnitStatus, incidentId: number | null) =>
  make('unit.status_changed', { ...ofUnit(unit), incidentId }, { unit, from });

export const unitPositionChanged = (unit: UnitDto) => make('unit.position_changed', ofUnit(unit), { unit });

export const unitUpdated = (unit: UnitDto, d: Omit<EventData<'unit.updated'>, 'unit'>) =>
  make('unit.updated', ofUnit(unit), { unit, ...d });

export const locationFixReceived = (fix: LocationFixDto) => make('location.fix_received', {}, { fix });

export const ecallReceived = (d: EventData<'ecall.received'>) =>
  make('ecall.received', { incidentId: d.incidentId }, d);

export const incidentTypeUpdated = (d: EventData<'incident_type.updated'>) =>
  make('incident_type.updated', {}, d);

export const handoverCreated = (handover: HandoverDto, incident: IncidentDto) =>
  make(
    'handover.created',
    { incidentId: handover.incidentId, stationId: handover.stationId },
    { handover, incident },
  );

export const handoverAcknowledged = (handover: HandoverDto) =>
  make(
    'handover.acknowledged',
    { incidentId: handover.incidentId, stationId: handover.stationId },
    { handover },
  );

export const takeoverStarted = (takeover: TakeoverDto, centre: CentreDto, calls: CallDto[]) =>
  make('centre.takeover_started', {}, { takeover, centre, calls });

export const takeoverEnded = (takeover: TakeoverDto, centre: CentreDto, calls: CallDto[]) =>
  make('centre.takeover_ended', {}, { takeover, centre, calls });

export const transferRequested = (transfer: TransferDto, incident: IncidentDto) =>
  make('incident.transfer_requested', { incidentId: transfer.incidentId }, { transfer, incident });

export const transferAccepted = (transfer: TransferDto, incident: IncidentDto) =>
  make('incident.transfer_accepted', { incidentId: transfer.incidentId }, { transfer, incident });

export const messageReceived = (conversation: ConversationDto, message: MessageDto) =>
  make('message.received', {}, { conversation, message });

export const messageSent = (conversation: ConversationDto, message: MessageDto) =>
  make('message.sent', {}, { conversation, message });

export const conversationUpdated = (conversation: ConversationDto, change: 'claimed' | 'linked') =>
  make('conversation.updated', {}, { conversation, change });

export const webhookCreated = (webhook: WebhookDto) => make('webhook.created', {}, { webhook });
export const webhookDeactivated = (webhook: WebhookDto) => make('webhook.deactivated', {}, { webhook });

export const publicAlertPublished = (alert: PublicAlertDto) => make('public_alert.published', {}, { alert });

export const userCreated = (d: EventData<'user.created'>) => make('user.created', {}, d);
export const userUpdated = (d: EventData<'user.updated'>) => make('user.updated', {}, d);
export const passwordReset = (d: EventData<'user.password_reset'>) => make('user.password_reset', {}, d);

export const stationSaved = (d: EventData<'station.saved'>) =>
  make('station.saved', { stationId: d.station.id }, d);

export const kbArticleSaved = (d: EventData<'kb_article.saved'>) => make('kb_article.saved', {}, d);

export const apiTokenCreated = (token: ApiTokenDto) =>
  make('api_token.created', { stationId: token.stationId }, { token });
export const apiTokenRevoked = (token: ApiTokenDto) =>
  make('api_token.revoked', { stationId: token.stationId }, { token });

const ofCall = (call: CallDto): Ids => ({ incidentId: call.incidentId });
type CallEventType =
  | 'call.offered'
  | 'call.answered'
  | 'call.abandoned'
  | 'call.ended'
  | 'call.located'
  | 'call.linked'
  | 'call.callback';
/** The call events that carry the call alone. */
export const callEvent = (type: CallEventType, call: CallDto) => make(type, ofCall(call), { call });
export const callRinging = (call: CallDto, position: string) =>
  make('call.ringing', ofCall(call), { call, position });
export const callTransferred = (call: CallDto, target: string) =>
  make('call.transferred', ofCall(call), { call, target });
export const callPositionChanged = (position: CallPositionDto) =>
  make('call.position_changed', {}, { position });

export const oncallNotified = (notification: NotificationDto) =>
  make('oncall.notified', { incidentId: notification.incidentId }, { notification });
export const oncallAcknowledged = (notification: NotificationDto) =>
  make('oncall.acknowledged', { incidentId: notification.incidentId }, { notification });
export const oncallServiceSaved = (d: EventData<'oncall.service_saved'>) =>
  make('oncall.service_saved', {}, d);
export const domainImported = (d: EventData<'domain.imported'>) => make('domain.imported', {}, d);
export const auditAnchored = (d: EventData<'audit.anchored'>) => make('audit.anchored', {}, d);
export const locationNoteSaved = (d: EventData<'location_note.saved'>) => make('location_note.saved', {}, d);
export const locationNoteDeleted = (d: EventData<'location_note.deleted'>) =>
  make('location_note.deleted', {}, d);
export const substanceAdded = (substance: IncidentSubstanceDto) =>
  make('incident.substance_added', { incidentId: substance.incidentId }, { substance });
export const substanceRemoved = (substance: IncidentSubstanceDto) =>
  make('incident.substance_removed', { incidentId: substance.incidentId }, { substance });
