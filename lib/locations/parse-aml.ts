import { z } from 'zod';
import { AppError } from '../errors';
import { fieldErrors } from '../validation';
import { normalizePhone } from './phone';

// Advanced Mobile Location (ETSI TS 103 625) in its two transports: the SMS text a gateway forwards
// (A"ML=1;lt=…;lg=…;rd=…;top=…;lc=…;pm=…;si=…;ei=…;mcc=…;mnc=…;ml=…) and the HTTPS form post.

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
}

const fail = (fields: { field: string; message: string }[]) =>
  new AppError('validation_failed', `invalid AML message: ${fields.map((f) => f.field).join(', ')}`, fields);

const lat = z
  .string()
  .regex(/^[+-]?\d{1,2}\.\d{1,10}$/, 'degrees with a decimal point, e.g. +46.05140')
  .transform(Number)
  .refine((v) => Math.abs(v) <= 90, 'latitude within ±90');
const lon = z
  .string()
  .regex(/^[+-]?\d{1,3}\.\d{1,10}$/, 'degrees with a decimal point, e.g. +014.50600')
  .transform(Number)
  .refine((v) => Math.abs(v) <= 180, 'longitude within ±180');
const digits = (min: number, max: number) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), `${min}–${max} digits`);

/** top=YYYYMMDDhhmmss in UTC; a fix from more than a day ahead is refused. */
const top = z
  .string()
  .regex(/^\d{14}$/, 'YYYYMMDDhhmmss (UTC)')
  .transform((v, ctx) => {
    const d = new Date(
      Date.UTC(
        +v.slice(0, 4),
        +v.slice(4, 6) - 1,
        +v.slice(6, 8),
        +v.slice(8, 10),
        +v.slice(10, 12),
        +v.slice(12, 14),
      ),
    );
    const roundTrip = d.toISOString().replace(/[-T:]/g, '').slice(0, 14);
    if (roundTrip !== v || d.getTime() > Date.now() + 86_400_000) {
      ctx.addIssue({ code: 'custom', message: 'not a valid UTC time' });
      return z.NEVER;
    }
    return d;
  });

const ZSms = z
  .object({
    'A"ML': z.literal('1', { message: 'only AML version 1 is supported' }),
    lt: z.string().optional(),
    lg: z.string().optional(),
    rd: z.string(),
    top,
    lc: digits(1, 3)
      .transform(Number)
      .refine((v) => v <= 100, 'percent 0–100'),
    pm: z.enum(['G', 'W', 'C', 'N', 'H', 'U'], { message: 'G, W, C, H, U or N' }),
    si: digits(6, 15).optional(),
    ei: digits(14, 16).optional(),
    mcc: digits(3, 3),
    mnc: digits(2, 3),
    ml: digits(1, 4).transform(Number),
  })
  .strict();

/** The SMS form; `from` is the sender's number as the gateway reports it. */
export function parseAmlSms(text: string, from: string | null): AmlFix {
  const body = text.trim();
  const fields: { field: string; message: string }[] = [];
  const phone = from ? normalizePhone(from) : null;
  if (!phone)
    fields.push({ field: 'query.from', message: "the sender's phone number (from the SMS gateway)" });
  if (!body.startsWith('A"ML='))
    throw fail([...fields, { field: 'A"ML', message: 'an AML SMS starts with A"ML=' }]);
  const kv: Record<string, string> = {};
  for (const part of body.split(';')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    if (at < 1) {
      fields.push({ field: part.slice(0, 20) || '(empty)', message: 'key=value expected' });
      continue;
    }
    const key = part.slice(0, at);
    if (key in kv) fields.push({ field: key.slice(0, 20), message: 'given twice' });
    kv[key] = part.slice(at + 1);
  }
  const parsed = ZSms.safeParse(kv);
  if (!parsed.success)
    fields.push(
      ...fieldErrors(parsed.error).map((f) => ({ ...f, field: f.field === '(root)' ? 'message' : f.field })),
    );
  if (parsed.success && parsed.data.ml !== body.length)
    fields.push({
      field: 'ml',
      message: `message length ${body.length} differs from ml=${parsed.data.ml} (truncated?)`,
    });
  let position: { lat: number; lon: number } | null = null;
  let accuracyM: number | null = null;
  if (kv.rd === 'N') {
    // "No fix": the handset could not locate itself; stored so the call-taker knows it tried.
    if (kv.lt || kv.lg) fields.push({ field: 'lt', message: 'a no-fix message (rd=N) carries no position' });
  } else {
    const la = lat.safeParse(kv.lt ?? '');
    const lo = lon.safeParse(kv.lg ?? '');
    const rd = digits(1, 6)
      .transform(Number)
      .safeParse(kv.rd ?? '');
    if (!la.success) fields.push({ field: 'lt', message: la.error.issues[0]?.message ?? 'invalid' });
    if (!lo.success) fields.push({ field: 'lg', message: lo.error.issues[0]?.message ?? 'invalid' });
    if (!rd.success) fields.push({ field: 'rd', message: 'radius in metres, or N when there is no fix' });
    if (la.success && lo.success) position = { lat: la.data, lon: lo.data };
    if (rd.success) accuracyM = rd.data;
  }
  if (fields.length || !parsed.success || !phone) throw fail(dedupe(fields));
  const d = parsed.data;
  return {
    phone,
    source: 'aml_sms',
    lat: position?.lat ?? null,
    lon: position?.lon ?? null,
    accuracyM,
    confidencePct: d.lc,
    method: { G: 'gnss', W: 'wifi', C: 'cell', H: 'hybrid', U: 'unknown', N: 'none' }[d.pm],
    fixAt: d.top,
    imei: d.ei ?? null,
    imsi: d.si ?? null,
    details: { mcc: d.mcc, mnc: d.mnc },
  };
}

const num = (name: string) =>
  z
    .string()
    .regex(/^[+-]?\d+(\.\d+)?$/, `${name} as a decimal number`)
    .transform(Number);

const ZHttps = z
  .object({
    v: z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'protocol version'),
    device_number: z.string().min(3).max(32),
    location_latitude: num('latitude').refine((v) => Math.abs(v) <= 90, 'latitude within ±90'),
    location_longitude: num('longitude').refine((v) => Math.abs(v) <= 180, 'longitude within ±180'),
    location_time: z
      .string()
      .regex(/^\d{10,13}$/, 'milliseconds since 1970')
      .transform((v) => new Date(v.length === 13 ? Number(v) : Number(v) * 1000))
      .refine((d) => d.getTime() <= Date.now() + 86_400_000, 'in the future'),
    location_accuracy: num('accuracy in metres').refine((v) => v >= 0 && v <= 1_000_000, '0–1,000,000 m'),
    location_source: z
      .string()
      .max(20)
      .regex(/^[a-z_]*$/i, 'letters only')
      .optional(),
    location_confidence: num('confidence')
      .refine((v) => v >= 0 && v <= 100, 'percent 0–100')
      .optional(),
    device_imei: digits(14, 16).optional(),
    device_imsi: digits(6, 15).optional(),
  })
  .catchall(z.string().max(200));

/** The HTTPS form (application/x-www-form-urlencoded). */
export function parseAmlHttps(form: URLSearchParams): AmlFix {
  const obj: Record<string, string> = {};
  const fields: { field: string; message: string }[] = [];
  for (const [k, v] of form) {
    if (k.length > 60) fields.push({ field: k.slice(0, 60), message: 'unknown field' });
    else if (k in obj) fields.push({ field: k, message: 'given twice' });
    else obj[k] = v;
  }
  if (Object.keys(obj).length > 60) fields.push({ field: 'body', message: 'too many fields' });
  const parsed = ZHttps.safeParse(obj);
  if (!parsed.success) fields.push(...fieldErrors(parsed.error));
  const phone = parsed.success ? normalizePhone(parsed.data.device_number) : null;
  if (parsed.success && !phone) fields.push({ field: 'device_number', message: 'not a phone number' });
  if (fields.length || !parsed.success || !phone) throw fail(dedupe(fields));
  const d = parsed.data;
  const known = new Set(Object.keys(ZHttps.shape));
  const details = Object.fromEntries(Object.entries(obj).filter(([k]) => !known.has(k)));
  return {
    phone,
    source: 'aml_https',
    lat: d.location_latitude,
    lon: d.location_longitude,
    accuracyM: Math.round(d.location_accuracy),
    confidencePct: d.location_confidence ?? null,
    method: d.location_source?.toLowerCase() ?? null,
    fixAt: d.location_time,
    imei: d.device_imei ?? null,
    imsi: d.device_imsi ?? null,
    details,
  };
}

function dedupe(fields: { field: string; message: string }[]) {
  const seen = new Set<string>();
  return fields.filter((f) => {
    if (seen.has(f.field)) return false;
    seen.add(f.field);
    return true;
  });
}
