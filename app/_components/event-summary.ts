import type { AnchorDestination } from '@/lib/audit/anchor';
import type { EventFrame } from '@/lib/events/catalogue';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { callDoubtKey } from '@/lib/i18n/messages-calls';
import type { IncidentChange } from '@/lib/incidents/schemas';
import { fill } from './domain/words';
import { noteText } from './note-text';
import { roleKey } from './roles';

// A one-line reading of an event-log entry in the screen's language, for the audit trail and the
// replay's log: what changed, in the words of the event's typed payload. No codes: statuses,
// priorities, roles and field names are labels.

export interface SummaryWords {
  t: (key: MessageKey) => string;
  lang: Lang;
  typeName: (code: string) => string;
}

const PRIORITY_KEY = { red: 'priorityRed', yellow: 'priorityYellow', green: 'priorityGreen' } as const;
const FIELD_KEY: Record<IncidentChange, MessageKey> = {
  type: 'incidentType',
  priority: 'priority',
  status: 'status',
  description: 'description',
  location: 'location',
  caller: 'caller',
  flagged: 'fieldConfirmed',
  outcome: 'fieldOutcome',
  mergedInto: 'fieldMergedInto',
};

/** A chain hash as the screens show it: its first 12 hex digits. */
export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** Where an anchor went and whether it got there: "datoteka /var/…/anchors.jsonl: zapisano". */
export function destinationText(d: AnchorDestination, t: (key: MessageKey) => string): string {
  return `${t(d.kind === 'file' ? 'chainDestFile' : 'chainDestEmail')} ${d.target}: ${t(d.ok ? 'anchorOk' : 'anchorFailed')}`;
}

export function eventSummary(e: EventFrame, words: SummaryWords): string {
  // A summary is a convenience beside the full payload: a row the log holds in an unexpected shape
  // (written by hand, by a test fixture, by an older version) shows without one instead of failing
  // the whole screen.
  try {
    return summarise(e, words);
  } catch {
    return '';
  }
}

/** A changed field's value in words; long text is cut, an empty value is a dash. */
function fieldText(field: IncidentChange, value: unknown, { t, typeName }: SummaryWords): string {
  if (value === undefined || value === null || value === '') return '–';
  switch (field) {
    case 'type':
      return typeName(String(value));
    case 'priority':
      return t(PRIORITY_KEY[value as keyof typeof PRIORITY_KEY]);
    case 'status':
      return t(`inc_${value}` as MessageKey);
    case 'outcome':
      return t(`out_${value}` as MessageKey);
    case 'flagged':
      return t(value ? 'flaggedEcall' : 'fieldConfirmed');
    case 'mergedInto':
      return `#${value}`;
    case 'location': {
      const l = value as { address?: string; lat?: number; lon?: number };
      return l.address || `${l.lat?.toFixed(5)}, ${l.lon?.toFixed(5)}`;
    }
    case 'caller': {
      const c = value as { name?: string; phone?: string };
      return [c.name, c.phone].filter(Boolean).join(' ') || '–';
    }
    default: {
      const text = String(value);
      return text.length > 80 ? `${text.slice(0, 79)}…` : text;
    }
  }
}

function summarise(e: EventFrame, words: SummaryWords): string {
  const { t, lang, typeName } = words;
  const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');
  const st = (s: string) => t(`st_${s}` as MessageKey);
  const inc = (s: string) => t(`inc_${s}` as MessageKey);
  switch (e.type) {
    case 'incident.created':
      return join(
        typeName(e.data.incident.type),
        t(PRIORITY_KEY[e.data.incident.priority]),
        e.data.incident.location.address,
      );
    case 'incident.updated': {
      const { before, incident, changes } = e.data;
      // With the previous values (written since the log is chained): "Prioriteta: rdeča → rumena".
      if (before)
        return changes
          .map(
            (c) =>
              `${t(FIELD_KEY[c])}: ${fieldText(c, before[c], words)} → ${fieldText(c, incident[c], words)}`,
          )
          .join(' · ');
      return join(
        changes.map((c) => t(FIELD_KEY[c])).join(', '),
        inc(incident.status),
        incident.outcome && t(`out_${incident.outcome}`),
        t(PRIORITY_KEY[incident.priority]),
      );
    }
    case 'incident.linked':
      return join(t(e.data.linked ? 'link' : 'unlink'), `#${e.data.linkedId}`);
    case 'incident.note_added':
      return join(
        e.data.note.kind !== 'note' && t(`note_${e.data.note.kind}`),
        e.data.note.author,
        noteText(e.data.note, t).slice(0, 140),
      );
    case 'incident.caller_added':
      return join(e.data.caller.name, e.data.caller.phone);
    case 'assignment.created':
      return e.data.assignment.callsign;
    case 'assignment.updated':
      return join(e.data.assignment.callsign, st(e.data.assignment.status));
    case 'alert.created':
      return join(
        e.data.unit.callsign,
        e.data.alert.realertCount > 0 && `${t('realertNo')} ${e.data.alert.realertCount}`,
      );
    case 'alert.delivered':
    case 'alert.escalated':
    case 'alert.cancelled':
      return e.data.alert.callsign;
    case 'alert.acknowledged':
      return join(e.data.alert.callsign, e.data.alert.acknowledgedBy);
    case 'unit.status_changed':
      return `${e.data.unit.callsign}: ${st(e.data.from)} → ${st(e.data.unit.status)}`;
    case 'unit.position_changed':
      return e.data.unit.position
        ? `${e.data.unit.callsign} ${e.data.unit.position.lat.toFixed(5)}, ${e.data.unit.position.lon.toFixed(5)}`
        : e.data.unit.callsign;
    case 'unit.updated':
      return join(e.data.unit.callsign, e.data.created && t('createdNew'));
    case 'handover.created':
      return join(e.data.handover.service, e.data.handover.reason);
    case 'handover.acknowledged':
      return join(e.data.handover.service, e.data.handover.acknowledgedBy);
    case 'user.created':
    case 'user.updated':
      return join(
        e.data.user.username,
        t(roleKey(e.data.user.role)),
        e.data.user.disabled && t('accountDisabled'),
      );
    case 'user.password_reset':
      return join(e.data.user.username, `${t('sessionsEnded')}: ${e.data.sessionsEnded}`);
    case 'station.saved':
      return join(e.data.station.code, e.data.station.name, !e.data.before && t('createdNew'));
    case 'kb_article.saved':
      return e.data.article.title[lang];
    case 'incident_type.updated':
      return typeName(e.data.type.code);
    case 'api_token.created':
    case 'api_token.revoked':
      return join(e.data.token.name, t(roleKey(e.data.token.role)));
    case 'message.received':
    case 'message.sent':
      return join(e.data.message.from, e.data.message.subject);
    case 'public_alert.published':
      return e.data.alert.headline[lang];
    case 'call.offered':
    case 'call.located': {
      const c = e.data.call;
      const p = c.location.position;
      return join(
        c.caller ?? t('callNoNumber'),
        p ? `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}` : t('callNoLocation'),
        c.location.accuracyM !== null && `±${Math.round(c.location.accuracyM)} m`,
        c.doubts.length > 0 && c.doubts.map((d) => t(callDoubtKey(d))).join('; '),
      );
    }
    case 'call.ringing':
      return join(e.data.call.caller ?? t('callNoNumber'), `${t('callRingingAt')} ${e.data.position}`);
    case 'call.answered':
      return join(
        e.data.call.caller ?? t('callNoNumber'),
        e.data.call.answeredByPosition,
        e.data.call.answeredByName,
      );
    case 'call.abandoned':
    case 'call.ended':
      return join(
        e.data.call.caller ?? t('callNoNumber'),
        e.data.call.endReason && t(`endReason_${e.data.call.endReason}` as MessageKey),
      );
    case 'call.transferred':
      return join(e.data.call.caller ?? t('callNoNumber'), e.data.target);
    case 'call.linked':
      return e.data.call.caller ?? t('callNoNumber');
    case 'call.callback':
      return join(
        e.data.call.caller ?? t('callNoNumber'),
        e.data.call.callback?.outcome && t(`callbackOutcome_${e.data.call.callback.outcome}` as MessageKey),
        e.data.call.callback?.note,
      );
    case 'call.position_changed':
      return join(
        e.data.position.position,
        t(e.data.position.registered ? 'positionRegistered' : 'positionNotRegistered'),
        e.data.position.userName,
      );
    case 'oncall.notified':
    case 'oncall.acknowledged': {
      const n = e.data.notification;
      return join(
        n.serviceName,
        n.officer,
        `${t(`ch_${n.channel}` as MessageKey)} ${n.address}`,
        t(`ns_${n.state}` as MessageKey),
        n.ackVia && t(`ackVia_${n.ackVia}` as MessageKey),
      );
    }
    case 'oncall.service_saved':
      return join(e.data.service.name, !e.data.before && t('createdNew'));
    case 'audit.anchored':
      return join(
        `#${e.data.seq}`,
        shortHash(e.data.hash),
        ...e.data.destinations.map((d) => destinationText(d, t)),
      );
    case 'domain.imported':
      return join(
        t(`ds_${e.data.dataset}` as MessageKey),
        fill(t('importResult'), {
          inserted: e.data.inserted,
          updated: e.data.updated,
          flagged: e.data.flagged,
          rejected: e.data.rejected,
        }),
      );
    case 'location_note.saved':
    case 'location_note.deleted':
      return join(
        t(`sev_${e.data.note.severity}` as MessageKey),
        e.data.note.address,
        e.data.note.text.slice(0, 140),
      );
    case 'incident.substance_added':
    case 'incident.substance_removed': {
      const s = e.data.substance;
      return join(`${s.hazardId ? `${s.hazardId}/` : ''}${s.unNumber}`, s.substances[0]?.name[lang], s.note);
    }
    case 'centre.takeover_started':
    case 'centre.takeover_ended':
      return join(
        e.data.centre.name[lang],
        t(`takeoverReason_${e.data.takeover.reason}` as MessageKey),
        e.data.takeover.note,
      );
    case 'incident.transfer_requested':
    case 'incident.transfer_accepted':
      return join(
        `${e.data.transfer.fromCentreCode} → ${e.data.transfer.toCentreCode}`,
        e.data.transfer.reason,
        e.data.transfer.acceptedByName,
      );
    default:
      return '';
  }
}
