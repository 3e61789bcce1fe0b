import { HOSPITAL_CAPABILITIES, LOCATION_NOTE_SEVERITIES } from '../../db/schema/enums';
import { readableHours } from './opening-hours';
import type { FileFormat, SourceRecord } from './read-records';

// Each dataset's reading of a record's properties: OpenStreetMap's tags in a GeoJSON export, the
// documented columns in a CSV (docs/domain-data.md). What reads is kept; what is doubtful is kept
// and flagged (`doubts`, shown beside the entry); only what makes the entry useless is refused.

export const DATASETS = ['aed', 'water', 'hospital', 'note'] as const;
export type Dataset = (typeof DATASETS)[number];

export type Mapped =
  | { ok: true; values: Record<string, unknown>; doubts: string[] }
  | { ok: false; field: string; message: string };

const first = (p: Record<string, string>, ...keys: string[]) => {
  for (const k of keys) {
    const v = (p[k] ?? '').trim();
    if (v) return v;
  }
  return '';
};

function yesNo(v: string): boolean | null {
  if (/^(yes|true|1|da)$/i.test(v)) return true;
  if (/^(no|false|0|ne)$/i.test(v)) return false;
  return null;
}

/** 2024-05-02, 2024-05 (→ the 1st), 2.5.2024 → ISO date; null when it does not read. */
export function readDate(v: string): string | null {
  let m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
  m = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(v);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
function validDate(y: number, mo: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** The first number in a text: "DN80" → 80, "100 mm" → 100, "6,5" → 6.5. */
function numberIn(v: string): number | null {
  const m = /-?\d+(?:[.,]\d+)?/.exec(v);
  return m ? Number(m[0].replace(',', '.')) : null;
}

function mapAed(p: Record<string, string>, format: FileFormat): Mapped {
  const doubts: string[] = [];
  if (format === 'geojson' && p.emergency && p.emergency !== 'defibrillator')
    return { ok: false, field: 'emergency', message: `"${p.emergency}" is not a defibrillator` };
  const hours = first(p, 'opening_hours') || null;
  const alwaysOpen = hours !== null && hours.replace(/\s/g, '') === '24/7';
  if (hours && !alwaysOpen && !readableHours(hours)) doubts.push('opening_hours_unreadable');
  if (!hours) doubts.push('opening_hours_missing');
  const indoorText = first(p, 'indoor');
  const indoor = indoorText ? yesNo(indoorText) : null;
  if (indoorText && indoor === null) doubts.push('indoor_unreadable');
  const access =
    format === 'geojson'
      ? first(p, 'defibrillator:location:sl', 'defibrillator:location', 'description:sl', 'description')
      : first(p, 'access', 'description');
  if (format === 'geojson' && /^(private|no|customers)$/.test(p.access ?? ''))
    doubts.push('access_restricted');
  const checkText = first(p, 'check_date', 'survey:date', 'last_check');
  const lastCheck = checkText ? readDate(checkText) : null;
  if (checkText && !lastCheck) doubts.push('date_unreadable');
  return {
    ok: true,
    doubts,
    values: {
      name: first(p, 'name', 'operator').slice(0, 300),
      access: access.slice(0, 1000),
      openingHours: hours?.slice(0, 500) ?? null,
      alwaysOpen,
      indoor,
      owner: first(p, 'owner', 'operator').slice(0, 300),
      phone: first(p, 'phone', 'contact:phone', 'emergency:phone').slice(0, 40) || null,
      lastCheck,
    },
  };
}

const WATER_EMERGENCY: Record<string, string> = {
  fire_hydrant: '',
  water_tank: 'water_tank',
  suction_point: 'suction_point',
  fire_water_pond: 'pond',
};
const HYDRANT_TYPES = ['underground', 'pillar', 'wall', 'pipe'];

function mapWater(p: Record<string, string>, format: FileFormat): Mapped {
  const doubts: string[] = [];
  let kind: string;
  if (format === 'geojson') {
    const e = p.emergency ?? '';
    if (!(e in WATER_EMERGENCY))
      return { ok: false, field: 'emergency', message: `"${e}" is not a hydrant or water source` };
    const hydrantType = p['fire_hydrant:type'] ?? '';
    kind = WATER_EMERGENCY[e] || (HYDRANT_TYPES.includes(hydrantType) ? hydrantType : 'other');
    if (e === 'fire_hydrant' && !HYDRANT_TYPES.includes(hydrantType)) doubts.push('kind_unknown');
  } else {
    const k = (p.kind ?? '').trim();
    kind = ['underground', 'pillar', 'wall', 'pipe', 'suction_point', 'water_tank', 'pond'].includes(k)
      ? k
      : 'other';
    if (k !== kind) doubts.push('kind_unknown');
  }
  const diameterText = first(p, 'fire_hydrant:diameter', 'diameter', 'diameter_mm');
  const diameter = diameterText ? numberIn(diameterText) : null;
  if (diameterText && (diameter === null || diameter < 20 || diameter > 1000))
    doubts.push('diameter_unreadable');
  const pressureText = first(p, 'fire_hydrant:pressure', 'pressure', 'pressure_bar');
  const pressure = pressureText && pressureText !== 'suction' ? numberIn(pressureText) : null;
  if (pressureText && pressureText !== 'suction' && (pressure === null || pressure < 0 || pressure > 40))
    doubts.push('pressure_unreadable');
  const flowText = first(p, 'flow_rate', 'fire_hydrant:flow_rate', 'flow_lpm');
  let flow = flowText ? numberIn(flowText) : null;
  if (flow !== null && /m3\/h|m³\/h/i.test(flowText)) flow = (flow * 1000) / 60;
  if (flowText && (flow === null || flow <= 0 || flow > 100_000)) doubts.push('flow_unreadable');
  const stateText = first(p, 'state', 'operational_status').toLowerCase();
  const state =
    /^(out_of_service|broken|closed|not_operational|disused)$/.test(stateText) || p.disused === 'yes'
      ? 'out_of_service'
      : /^(in_service|operational|ok)$/.test(stateText)
        ? 'in_service'
        : 'unknown';
  return {
    ok: true,
    doubts,
    values: {
      kind,
      ref: first(p, 'ref').slice(0, 60),
      diameterMm: diameter !== null && diameter >= 20 && diameter <= 1000 ? Math.round(diameter) : null,
      pressureBar: pressure !== null && pressure >= 0 && pressure <= 40 ? pressure : null,
      flowLpm: flow !== null && flow > 0 && flow <= 100_000 ? Math.round(flow) : null,
      state,
      note: first(p, 'note', 'description').slice(0, 1000),
    },
  };
}

function mapHospital(p: Record<string, string>): Mapped {
  const name = first(p, 'name');
  if (!name) return { ok: false, field: 'name', message: "the hospital's name" };
  const doubts: string[] = [];
  const caps = new Set<string>();
  for (const c of first(p, 'capabilities')
    .split(/[;,|]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if ((HOSPITAL_CAPABILITIES as readonly string[]).includes(c)) caps.add(c);
    else if (!doubts.includes('capability_unknown')) doubts.push('capability_unknown');
  }
  if (p.emergency === 'yes') caps.add('emergency');
  const address =
    first(p, 'address') ||
    [[p['addr:street'], p['addr:housenumber']].filter(Boolean).join(' '), p['addr:city']]
      .filter(Boolean)
      .join(', ');
  return {
    ok: true,
    doubts,
    values: {
      name: name.slice(0, 300),
      capabilities: [...caps],
      phone: first(p, 'phone', 'contact:phone').slice(0, 40) || null,
      address: address.slice(0, 300),
    },
  };
}

function mapNote(p: Record<string, string>): Mapped {
  const text = first(p, 'text', 'note', 'description');
  if (!text) return { ok: false, field: 'text', message: 'the warning itself' };
  const radiusText = first(p, 'radius_m');
  const radius = radiusText ? numberIn(radiusText) : 50;
  if (radius === null || radius < 1 || radius > 5000)
    return { ok: false, field: 'radius_m', message: 'metres, 1 to 5000' };
  const severity = first(p, 'severity') || 'warning';
  if (!(LOCATION_NOTE_SEVERITIES as readonly string[]).includes(severity))
    return { ok: false, field: 'severity', message: LOCATION_NOTE_SEVERITIES.join(', ') };
  const out: Record<string, string | null> = {};
  for (const k of ['valid_from', 'valid_until'] as const) {
    const v = first(p, k);
    out[k] = v ? readDate(v) : null;
    if (v && !out[k]) return { ok: false, field: k, message: 'a date, YYYY-MM-DD' };
  }
  return {
    ok: true,
    doubts: [],
    values: {
      text: text.slice(0, 2000),
      radiusM: Math.round(radius),
      severity,
      address: first(p, 'address').slice(0, 300),
      validFrom: out.valid_from,
      validUntil: out.valid_until,
    },
  };
}

export function mapRecord(dataset: Dataset, format: FileFormat, r: SourceRecord): Mapped {
  switch (dataset) {
    case 'aed':
      return mapAed(r.props, format);
    case 'water':
      return mapWater(r.props, format);
    case 'hospital':
      return mapHospital(r.props);
    case 'note':
      return mapNote(r.props);
  }
}
