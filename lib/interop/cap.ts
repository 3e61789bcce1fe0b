import type { IncidentDto } from '../incidents/incident-dto';
import { xmlDocument } from './xml-document';

// CAP 1.2 (OASIS Common Alerting Protocol) for one incident: what another system (a rescue service, a
// neighbouring centre, a public-warning system) reads without knowing our API. Element order,
// enumerations and formats follow the CAP 1.2 specification (§3.2); lib tests parse it back.

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export { CAP_CATEGORIES } from './cap-codes';

import type { CAP_CATEGORIES } from './cap-codes';

type CapCategory = (typeof CAP_CATEGORIES)[number];

const CATEGORY_BY_TYPE: Record<string, CapCategory[]> = {
  fire_building: ['Fire'],
  fire_vehicle: ['Fire', 'Transport'],
  fire_forest: ['Fire', 'Env'],
  traffic_accident: ['Transport', 'Rescue'],
  medical: ['Health'],
  cardiac_arrest: ['Health'],
  mountain_accident: ['Rescue'],
  water_rescue: ['Rescue'],
  cave_rescue: ['Rescue'],
  technical_rescue: ['Rescue'],
  hazmat: ['CBRNE', 'Safety'],
  gas_leak: ['Safety', 'Infra'],
  flood: ['Met', 'Env'],
  storm_damage: ['Met', 'Infra'],
  animal_rescue: ['Rescue'],
  other: ['Other'],
};

/** CAP dateTime: no fractional seconds, UTC written as -00:00 (the spec forbids "Z"). */
export function capDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 19)}-00:00`;
}

export interface CapOptions {
  /** Identifies the centre, e.g. cad112@reco-lj.si (no spaces, commas or < &). */
  sender: string;
  senderName: { sl: string; en: string };
  typeName: { sl: string; en: string };
}

/** The domain part of the CAP sender (cad112@reco-lj.si → reco-lj.si), the root of our identifiers. */
export function senderDomain(sender: string): string {
  return sender.includes('@') ? (sender.split('@')[1] ?? sender) : sender;
}

function identifier(sender: string, number: string, version: number): string {
  return `${senderDomain(sender)}.cad112.${number}.v${version}`.replace(/[\s,<&]/g, '-');
}

export function incidentCap(inc: IncidentDto, opts: CapOptions): string {
  const closed = inc.status === 'closed' || inc.status === 'cancelled';
  const msgType = inc.status === 'cancelled' ? 'Cancel' : inc.version === 1 ? 'Alert' : 'Update';
  const urgency = closed ? 'Past' : inc.priority === 'green' ? 'Expected' : 'Immediate';
  const severity = inc.priority === 'red' ? 'Severe' : inc.priority === 'yellow' ? 'Moderate' : 'Minor';
  // A machine-opened incident (eCall) not yet confirmed by a call-taker is likely, not observed.
  const certainty = inc.flagged ? 'Likely' : 'Observed';
  const radiusKm = Math.max(0.05, (inc.location.accuracyM ?? 50) / 1000);
  const where = inc.location.address || `${inc.location.lat.toFixed(5)}, ${inc.location.lon.toFixed(5)}`;

  const doc = xmlDocument();
  const alert = doc.ele(CAP_NS, 'alert');
  alert.ele('identifier').txt(identifier(opts.sender, inc.number, inc.version));
  alert.ele('sender').txt(opts.sender);
  alert.ele('sent').txt(capDateTime(inc.updatedAt));
  alert.ele('status').txt('Actual');
  alert.ele('msgType').txt(msgType);
  // Caller details and descriptions are not public: for emergency services only.
  alert.ele('scope').txt('Restricted');
  alert.ele('restriction').txt('Samo za nujne službe / emergency services only');
  if (msgType !== 'Alert')
    alert
      .ele('references')
      .txt(`${opts.sender},${identifier(opts.sender, inc.number, 1)},${capDateTime(inc.createdAt)}`);
  alert.ele('incidents').txt(inc.number);
  for (const lang of ['sl', 'en'] as const) {
    const info = alert.ele('info');
    info.ele('language').txt(lang === 'sl' ? 'sl-SI' : 'en-US');
    for (const c of CATEGORY_BY_TYPE[inc.type] ?? ['Other']) info.ele('category').txt(c);
    info.ele('event').txt(opts.typeName[lang]);
    info.ele('urgency').txt(urgency);
    info.ele('severity').txt(severity);
    info.ele('certainty').txt(certainty);
    info.ele('eventCode').ele('valueName').txt('cad112-type').up().ele('value').txt(inc.type);
    info.ele('senderName').txt(opts.senderName[lang]);
    info.ele('headline').txt(`${opts.typeName[lang]} – ${where}`.slice(0, 160));
    if (inc.description) info.ele('description').txt(inc.description);
    info.ele('parameter').ele('valueName').txt('incidentNumber').up().ele('value').txt(inc.number);
    info
      .ele('parameter')
      .ele('valueName')
      .txt('D96TM')
      .up()
      .ele('value')
      .txt(`${inc.location.d96.e} ${inc.location.d96.n}`);
    const area = info.ele('area');
    area.ele('areaDesc').txt(where);
    area
      .ele('circle')
      .txt(`${inc.location.lat.toFixed(6)},${inc.location.lon.toFixed(6)} ${radiusKm.toFixed(3)}`);
  }
  return doc.end({ prettyPrint: true });
}
