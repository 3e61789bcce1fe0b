// A one-line reading of an event-log entry, for the audit trail and the replay's log.

/** One line a person can read: what changed, in the words of the event's payload. */
export function eventSummary(e: { type: string; data: unknown }): string {
  const g = (path: string): string => {
    let v: unknown = e.data;
    for (const k of path.split('.')) v = (v as Record<string, unknown> | null | undefined)?.[k];
    if (Array.isArray(v)) return v.join(', ');
    return v === undefined || v === null ? '' : String(v);
  };
  const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');
  switch (e.type) {
    case 'incident.created':
      return join(g('incident.type'), g('incident.priority'), g('incident.location.address'));
    case 'incident.updated':
      return join(g('changes'), g('incident.status'), g('incident.priority'));
    case 'alert.created':
      return join(g('unit.callsign'), g('realert') ? `realert ${g('realert')}` : '');
    case 'assignment.created':
      return g('assignment.callsign');
    case 'incident.note_added':
      return g('note.text').slice(0, 140);
    case 'assignment.updated':
      return g('status');
    case 'unit.status_changed':
      return `${g('from')} → ${g('unit.status')}`;
    case 'unit.position_changed':
      return join(g('unit.position.lat'), g('unit.position.lon'));
    case 'alert.acknowledged':
      return g('alert.acknowledgedBy');
    case 'user.created':
    case 'user.updated':
      return join(
        g('user.username'),
        g('user.role'),
        g('changes'),
        g('user.disabled') === 'true' ? '⛔' : '',
      );
    case 'user.password_reset':
      return g('user.username');
    case 'station.saved':
      return join(g('station.code'), g('station.name'), g('changes'));
    case 'unit.updated':
      return join(g('unit.callsign'), g('changes'));
    case 'kb_article.saved':
      return g('article.slug');
    case 'incident_type.updated':
      return g('type.code');
    case 'api_token.created':
    case 'api_token.revoked':
      return join(g('token.name'), g('token.role'));
    default:
      return '';
  }
}
