import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import { decodeDataSms } from './data-sms';
import { normalizePhone } from './phone';

// Advanced Mobile Location (ETSI TS 103 625) in its two transports: the SMS text a gateway forwards
// (A"ML=1;lt=…;lg=…;rd=…;top=…;lc=…;pm=…;si=…;ei=…;mcc=…;mnc=…;ml=…), also as a data SMS (8-bit or
// 7-bit payload, raw or as hex/base64), and the HTTPS form post.
//
// A handset's message is never refused for a formality: what can be read is stored, what is doubtful
// is named in `doubts` (shown to the call-taker), and only a message with no caller to attach it to or
// no AML in it at all is refused.

/** Why a stored fix deserves a second look; each has a label in both languages (`doubt_<code>`). */
export const AML_DOUBTS = [
  'length_mismatch',
  'length_missing',
  'version_unknown',
  'key_repeated',
  'position_missing',
  'position_unreadable',
  'radius_unreadable',
  'time_unreadable',
  'time_future',
  'confidence_unreadable',
  'method_unknown',
  'device_id_unreadable',
  'network_unreadable',
  'accuracy_unreadable',
  'hmac_missing',
  'hmac_mismatch',
] as const;
export type AmlDoubt = (typeof AML_DOUBTS)[number];

export interface AmlFix {
  phone: string;
  source: 'aml_sms' | 'aml_https';
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  confidencePct: number | null;
  method: string | null;
  fixAt: Date | null;
  imei: string | null;
  imsi: string | null;
  details: Record<string, string>;
  doubts: AmlDoubt[];
}

const refuse = (field: string, message: string) =>
  new AppError('validation_failed', `AML message refused: ${field}`, [{ field, message }]);

const METHODS: Record<string, string> = {
  G: 'gnss',
  W: 'wifi',
  C: 'cell',
  H: 'hybrid',
  U: 'unknown',
  N: 'none',
};

/** A decimal angle within ±max; AML writes `+46.05140`, handsets also send `46.0514` or `46`. */
function angle(text: string, max: number): number | null {
  if (!/^[+-]?\d{1,3}(\.\d{1,12})?$/.test(text)) return null;
  const v = Number(text);
  return Math.abs(v) <= max ? v : null;
}

/** top=YYYYMMDDhhmmss in UTC. */
function utcStamp(v: string): Date | null {
  if (!/^\d{14}$/.test(v)) return null;
  const d = new Date(
    Date.UTC(
      +v.slice(0, 4),
      +v.slice(4, 6) - 1,
      +v.slice(6, 8),
      +v.slice(8, 10),
      +v.slice(10, 12),
      +v.slice(12),
    ),
  );
  return d.toISOString().replace(/[-T:]/g, '').slice(0, 14) === v ? d : null;
}

const FUTURE_SLACK_MS = 86_400_000;

class Doubts {
  readonly list: AmlDoubt[] = [];
  add(d: AmlDoubt) {
    if (!this.list.includes(d)) this.list.push(d);
  }
}

/**
 * The SMS form; `from` is the sender's number as the gateway reports it. `payload` is the body as
 * sent: the text, or a data SMS's bytes (raw, hex or base64) that `decodeDataSms` turns into text.
 */
export function parseAmlSms(payload: string | Buffer, from: string | null): AmlFix {
  const phone = from ? normalizePhone(from) : null;
  if (!phone) throw refuse('query.from', "the sender's phone number (from the SMS gateway)");
  const decoded = decodeDataSms(payload);
  if (!decoded) throw refuse('A"ML', 'no AML message in the body (an AML SMS starts with A"ML=)');
  const body = decoded.text;
  const doubts = new Doubts();
  const kv: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const part of body.split(';')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    if (key in kv) {
      doubts.add('key_repeated');
      continue;
    }
    kv[key] = value;
  }
  const version = kv['A"ML'] ?? '';
  if (version !== '1' && version !== '2') doubts.add('version_unknown');

  const ml = kv.ml ?? '';
  if (ml === '') doubts.add('length_missing');
  else if (!/^\d{1,4}$/.test(ml) || Number(ml) !== body.length) doubts.add('length_mismatch');

  // Position: both coordinates or none. The no-fix forms (lt= and lg= empty, pm=N, rd=N or empty or
  // a number) carry no position; that is the handset saying so, not a fault.
  const noFix = kv.pm === 'N' || kv.rd === 'N';
  let lat: number | null = null;
  let lon: number | null = null;
  const lt = kv.lt ?? '';
  const lg = kv.lg ?? '';
  if (lt !== '' || lg !== '') {
    lat = angle(lt, 90);
    lon = angle(lg, 180);
    if (lat === null || lon === null) {
      doubts.add('position_unreadable');
      lat = lon = null;
    }
  } else if (!noFix) doubts.add('position_missing');

  let accuracyM: number | null = null;
  const rd = kv.rd ?? '';
  if (rd !== '' && rd !== 'N') {
    if (/^\d{1,7}(\.\d+)?$/.test(rd)) accuracyM = Number(rd);
    else doubts.add('radius_unreadable');
  }

  const fixAt = kv.top ? utcStamp(kv.top) : null;
  if (kv.top && !fixAt) doubts.add('time_unreadable');
  if (fixAt && fixAt.getTime() > Date.now() + FUTURE_SLACK_MS) doubts.add('time_future');

  let confidencePct: number | null = null;
  if (kv.lc) {
    if (/^\d{1,3}$/.test(kv.lc) && Number(kv.lc) <= 100) confidencePct = Number(kv.lc);
    else doubts.add('confidence_unreadable');
  }

  const pm = kv.pm ?? '';
  const method = METHODS[pm] ?? 'unknown';
  if (pm !== '' && !(pm in METHODS)) doubts.add('method_unknown');

  const imsi = digitsOrDoubt(kv.si, 6, 15, doubts);
  const imei = digitsOrDoubt(kv.ei, 14, 16, doubts);
  for (const k of ['mcc', 'mnc'] as const)
    if (kv[k] !== undefined && !/^\d{2,3}$/.test(kv[k] ?? '')) doubts.add('network_unreadable');

  const known = new Set(['A"ML', 'lt', 'lg', 'rd', 'top', 'lc', 'pm', 'si', 'ei', 'mcc', 'mnc', 'ml']);
  for (const [k, v] of Object.entries(kv)) if (!known.has(k)) extra[k.slice(0, 40)] = v.slice(0, 200);

  return {
    phone,
    source: 'aml_sms',
    lat,
    lon,
    accuracyM,
    confidencePct,
    method,
    fixAt,
    imei,
    imsi,
    details: {
      version,
      ...(kv.mcc !== undefined ? { mcc: kv.mcc } : {}),
      ...(kv.mnc !== undefined ? { mnc: kv.mnc } : {}),
      ...(kv.ml !== undefined ? { ml: kv.ml, length: String(body.length) } : {}),
      ...(decoded.transport !== 'text' ? { transport: decoded.transport } : {}),
      ...(imsi === null && kv.si ? { si: kv.si.slice(0, 40) } : {}),
      ...(imei === null && kv.ei ? { ei: kv.ei.slice(0, 40) } : {}),
      ...extra,
    },
    doubts: doubts.list,
  };
}

function digitsOrDoubt(v: string | undefined, min: number, max: number, doubts: Doubts): string | null {
  if (v === undefined || v === '') return null;
  if (new RegExp(`^\\d{${min},${max}}$`).test(v)) return v;
  doubts.add('device_id_unreadable');
  return null;
}

const HTTPS_KNOWN = new Set([
  'v',
  'device_number',
  'location_latitude',
  'location_longitude',
  'location_time',
  'location_accuracy',
  'location_source',
  'location_confidence',
  'device_imei',
  'device_imsi',
  'hmac',
]);

/**
 * The HTTPS form (application/x-www-form-urlencoded). With a shared key, `hmac` is checked: the hex
 * HMAC (SHA-256, or SHA-1 when 40 hex digits are sent) of the body as sent without its hmac parameter.
 * A missing or wrong hmac does not lose the location; the fix is stored and marked unauthenticated.
 */
export function parseAmlHttps(body: string, hmacKey?: string): AmlFix {
  const form = new URLSearchParams(body);
  const obj: Record<string, string> = {};
  const doubts = new Doubts();
  let count = 0;
  for (const [k, v] of form) {
    if (++count > 100) break;
    if (k in obj) doubts.add('key_repeated');
    else obj[k.slice(0, 60)] = v.slice(0, 500);
  }
  const phone = obj.device_number ? normalizePhone(obj.device_number) : null;
  if (!phone) throw refuse('device_number', "the caller's phone number is missing or not a number");

  let lat = angle(obj.location_latitude ?? '', 90);
  let lon = angle(obj.location_longitude ?? '', 180);
  if (obj.location_latitude || obj.location_longitude) {
    if (lat === null || lon === null) {
      doubts.add('position_unreadable');
      lat = lon = null;
    }
  } else doubts.add('position_missing');

  let fixAt: Date | null = null;
  if (obj.location_time) {
    if (/^\d{10,13}$/.test(obj.location_time)) {
      const n = Number(obj.location_time);
      fixAt = new Date(obj.location_time.length === 13 ? n : n * 1000);
      if (fixAt.getTime() > Date.now() + FUTURE_SLACK_MS) doubts.add('time_future');
    } else doubts.add('time_unreadable');
  }

  // The accuracy as the handset sent it (metres, with its decimals); never rounded.
  let accuracyM: number | null = null;
  if (obj.location_accuracy) {
    const a = Number(obj.location_accuracy);
    if (/^\d+(\.\d+)?$/.test(obj.location_accuracy) && a <= 10_000_000) accuracyM = a;
    else doubts.add('accuracy_unreadable');
  }

  let confidencePct: number | null = null;
  if (obj.location_confidence) {
    const c = Number(obj.location_confidence);
    if (/^\d+(\.\d+)?$/.test(obj.location_confidence) && c <= 100) confidencePct = Math.round(c);
    else doubts.add('confidence_unreadable');
  }
  if (obj.v && !/^\d{1,2}(\.\d{1,2})?$/.test(obj.v)) doubts.add('version_unknown');

  if (hmacKey) {
    const sent = obj.hmac?.toLowerCase() ?? '';
    if (!sent) doubts.add('hmac_missing');
    else if (!hmacMatches(body, hmacKey, sent)) doubts.add('hmac_mismatch');
  }

  const source = obj.location_source
    ?.toLowerCase()
    .replace(/[^a-z_]/g, '')
    .slice(0, 20);
  return {
    phone,
    source: 'aml_https',
    lat,
    lon,
    accuracyM,
    confidencePct,
    method: source || null,
    fixAt,
    imei: digitsOrDoubt(obj.device_imei, 14, 16, doubts),
    imsi: digitsOrDoubt(obj.device_imsi, 6, 15, doubts),
    details: {
      ...(obj.v ? { version: obj.v } : {}),
      ...(obj.location_accuracy ? { location_accuracy: obj.location_accuracy } : {}),
      ...(hmacKey ? { hmac: doubts.list.some((d) => d.startsWith('hmac')) ? 'failed' : 'verified' } : {}),
      ...Object.fromEntries(Object.entries(obj).filter(([k]) => !HTTPS_KNOWN.has(k))),
    },
    doubts: doubts.list,
  };
}

/** The body without its hmac parameter, byte for byte as sent (the order of the other fields kept). */
export function amlHmacInput(body: string): string {
  return body
    .split('&')
    .filter((p) => !/^hmac(=|$)/i.test(p))
    .join('&');
}

function hmacMatches(body: string, key: string, sent: string): boolean {
  const alg = sent.length === 40 ? 'sha1' : 'sha256';
  const expected = createHmac(alg, key).update(amlHmacInput(body)).digest('hex');
  return expected.length === sent.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sent));
}
