// A SIP request as the edge received it (RFC 3261 §7): the start line, the headers (folded lines
// joined, compact names expanded, repeated headers and comma-separated values kept apart) and the body
// bytes. Parsing never throws: a message that cannot be read whole is read as far as it goes, and the
// caller gets what came through.

export interface SipMessage {
  method: string | null;
  requestUri: string | null;
  /** lower-case header name → every value, in order */
  headers: Map<string, string[]>;
  body: Buffer;
}

const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
};

export function parseSipMessage(raw: Buffer): SipMessage {
  const text = raw.toString('latin1');
  let split = text.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (split < 0) {
    split = text.indexOf('\n\n');
    sepLen = 2;
  }
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + sepLen);
  const lines = head.split(/\r?\n/);
  const start = lines.shift() ?? '';
  const m = /^([A-Z]+)\s+(\S+)\s+SIP\/2\.0$/i.exec(start.trim());
  const headers = new Map<string, string[]>();
  let last: { name: string; index: number } | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      const list = headers.get(last.name);
      if (list) list[last.index] = `${list[last.index]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    let name = line.slice(0, colon).trim().toLowerCase();
    name = COMPACT[name] ?? name;
    // A header value is text: a NUL byte (never valid in SIP) is dropped, not stored.
    const value = Buffer.from(line.slice(colon + 1).trim(), 'latin1')
      .toString('utf8')
      .replace(/\0/g, '');
    const list = headers.get(name) ?? [];
    list.push(value);
    headers.set(name, list);
    last = { name, index: list.length - 1 };
  }
  return { method: m?.[1]?.toUpperCase() ?? null, requestUri: m?.[2] ?? null, headers, body };
}

export function header(msg: SipMessage, name: string): string | null {
  return msg.headers.get(name.toLowerCase())?.[0] ?? null;
}

/**
 * The values of a header that may repeat and list several values separated by commas (Geolocation,
 * Call-Info): commas inside <…> or "…" do not split.
 */
export function headerValues(msg: SipMessage, name: string): string[] {
  const out: string[] = [];
  for (const value of msg.headers.get(name.toLowerCase()) ?? []) {
    let depth = 0;
    let quoted = false;
    let cur = '';
    for (const ch of value) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === '<') depth++;
      else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
      if (ch === ',' && depth === 0 && !quoted) {
        if (cur.trim()) out.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    if (cur.trim()) out.push(cur.trim());
  }
  return out;
}

export interface NameAddr {
  display: string | null;
  uri: string;
  params: Record<string, string>;
}

/** `"Name" <uri>;param=value` or a bare `uri;param`, as in From, To, P-Asserted-Identity, Geolocation. */
export function parseNameAddr(value: string): NameAddr | null {
  const v = value.trim();
  const lt = v.indexOf('<');
  const gt = v.indexOf('>', lt + 1);
  let display: string | null = null;
  let uri: string;
  let rest: string;
  if (lt >= 0 && gt > lt) {
    display = v.slice(0, lt).trim().replace(/^"|"$/g, '').trim() || null;
    uri = v.slice(lt + 1, gt).trim();
    rest = v.slice(gt + 1);
  } else {
    const semi = v.indexOf(';');
    uri = (semi < 0 ? v : v.slice(0, semi)).trim();
    rest = semi < 0 ? '' : v.slice(semi);
  }
  if (!uri) return null;
  const params: Record<string, string> = {};
  for (const p of rest.split(';')) {
    const [k, ...val] = p.split('=');
    const key = k?.trim().toLowerCase();
    if (key) params[key] = val.join('=').trim().replace(/^"|"$/g, '');
  }
  return { display, uri, params };
}

/** The number a sip:/sips:/tel: URI names (user part or tel number), without visual separators. */
export function uriNumber(uri: string): string | null {
  const tel = /^tel:([^;]+)/i.exec(uri);
  const sip = /^sips?:([^@;]+)@/i.exec(uri);
  const raw = tel?.[1] ?? sip?.[1];
  if (!raw) return null;
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    s = raw;
  }
  s = s.replace(/[\s().-]/g, '');
  return /^\+?\d{2,20}$/.test(s) ? s : null;
}
