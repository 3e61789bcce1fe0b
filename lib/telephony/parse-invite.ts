import { simpleParser } from 'mailparser';
import { normalizePhone } from '../locations/phone';
import { type AdditionalData, preferredLanguage, readAdditionalBlock } from './additional-data';
import { LOCATION_DOUBTS, type PidfLocation, parsePidfLo } from './pidf-lo';
import { header, headerValues, parseNameAddr, parseSipMessage, uriNumber } from './sip-message';

// What an NG112 INVITE tells the centre before anyone answers: who calls (P-Asserted-Identity, else
// From), where (PIDF-LO by value in the body part the Geolocation header names, RFC 6442; or a
// reference to dereference), RFC 7852 additional data, and the caller's language. Nothing here refuses
// a call: what does not read becomes a doubt, and the call reaches the queue with what did.

export const CALL_DOUBTS = [
  ...LOCATION_DOUBTS,
  /** The edge's copy of the INVITE is not a readable SIP request. */
  'message_unreadable',
  /** The body could not be split into its parts. */
  'body_unreadable',
  /** No number in P-Asserted-Identity or From (anonymous, or a name only). */
  'identity_missing',
  /** The number is only in From: the network did not assert it (no P-Asserted-Identity). */
  'identity_unasserted',
  /** Geolocation names a body part (cid:) the body does not have. */
  'geolocation_part_missing',
  /** The location is a reference of a kind the centre cannot fetch (sip:, pres:). */
  'location_reference_unsupported',
  /** The location reference could not be fetched (HELD/HTTP). */
  'dereference_failed',
  /** A civic address only: the position is the address found for it, approximate. */
  'civic_approximate',
  /** A civic address only, and no address in the gazetteer matched it. */
  'civic_not_found',
  /** The edge reported a step of a call whose offer the centre never received. */
  'offer_missing',
  /** The edge named a centre code the CAD does not know (the call went to the caller's region). */
  'centre_unknown',
] as const;
export type CallDoubt = (typeof CALL_DOUBTS)[number];

export interface ParsedInvite {
  callerUri: string | null;
  caller: string | null;
  callerName: string | null;
  location: PidfLocation | null;
  /** An http(s) location reference to dereference (RFC 6753), if the body carried no location. */
  locationReference: string | null;
  additional: AdditionalData;
  language: string | null;
  doubts: CallDoubt[];
}

interface Part {
  contentType: string;
  contentId: string | null;
  content: Buffer;
}

export async function parseInvite(raw: Buffer): Promise<ParsedInvite> {
  const doubts = new Set<CallDoubt>();
  const msg = parseSipMessage(raw);
  if (msg.method !== 'INVITE') doubts.add('message_unreadable');

  // Identity: the network-asserted identity first (RFC 3325), else From.
  const pai = headerValues(msg, 'p-asserted-identity').map(parseNameAddr);
  const from = parseNameAddr(header(msg, 'from') ?? '');
  const asserted = pai.find((p) => p && uriNumber(p.uri)) ?? null;
  const id = asserted ?? (from && uriNumber(from.uri) ? from : null);
  const number = id ? uriNumber(id.uri) : null;
  const caller = number ? normalizePhone(number) : null;
  if (!caller) doubts.add('identity_missing');
  else if (!asserted) doubts.add('identity_unasserted');
  const callerUri = (asserted ?? pai[0] ?? from)?.uri ?? null;
  const callerName = (asserted ?? from)?.display ?? null;

  const parts = await bodyParts(header(msg, 'content-type'), msg.body).catch(() => {
    doubts.add('body_unreadable');
    return [] as Part[];
  });
  const byCid = (cid: string) => parts.find((p) => p.contentId === cid);

  // Location by value (cid:) or by reference (http, https; sip and pres cannot be fetched here).
  let location: PidfLocation | null = null;
  let locationReference: string | null = null;
  for (const g of headerValues(msg, 'geolocation')) {
    const uri = parseNameAddr(g)?.uri ?? '';
    if (/^cid:/i.test(uri)) {
      const part = byCid(safeDecode(uri.slice(4)));
      if (!part) {
        doubts.add('geolocation_part_missing');
        continue;
      }
      if (!location) location = parsePidfLo(part.content.toString('utf8'));
    } else if (/^https?:\/\//i.test(uri)) locationReference ??= uri;
    else if (uri) doubts.add('location_reference_unsupported');
  }
  // A PIDF-LO part that no header names is still the caller's location.
  if (!location) {
    const pidf = parts.find((p) => /^application\/pidf\+xml/i.test(p.contentType));
    if (pidf) location = parsePidfLo(pidf.content.toString('utf8'));
  }
  if (location) for (const d of location.doubts) doubts.add(d);
  if (location && !location.shape && !location.civic) location = null;

  // RFC 7852 blocks: by value in the body (named by Call-Info or not), references kept.
  const additional: AdditionalData = {};
  for (const p of parts)
    if (/^application\/emergencycalldata\./i.test(p.contentType))
      readAdditionalBlock(p.content.toString('utf8'), additional);
  for (const ci of headerValues(msg, 'call-info')) {
    const na = parseNameAddr(ci);
    const purpose = na?.params.purpose ?? '';
    if (!na || !/^EmergencyCallData\./i.test(purpose) || /^cid:/i.test(na.uri)) continue;
    additional.references = [...(additional.references ?? []), { purpose, uri: na.uri.slice(0, 500) }];
  }

  return {
    callerUri: callerUri?.slice(0, 300) ?? null,
    caller,
    callerName: callerName?.slice(0, 200) ?? null,
    location,
    locationReference,
    additional,
    language: preferredLanguage(additional, header(msg, 'accept-language')),
    doubts: [...doubts],
  };
}

/** The body's parts: a MIME multipart (by a maintained MIME parser), or the body as one part. */
async function bodyParts(contentType: string | null, body: Buffer): Promise<Part[]> {
  if (body.length === 0) return [];
  const ct = contentType ?? 'application/octet-stream';
  if (!/^multipart\//i.test(ct)) return [{ contentType: ct.toLowerCase(), contentId: null, content: body }];
  const mail = await simpleParser(
    Buffer.concat([Buffer.from(`MIME-Version: 1.0\r\nContent-Type: ${ct}\r\n\r\n`), body]),
    { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true },
  );
  const parts: Part[] = mail.attachments.map((a) => ({
    contentType: a.contentType.toLowerCase(),
    contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
    content: a.content,
  }));
  if (parts.length === 0) throw new Error('no parts');
  return parts;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
