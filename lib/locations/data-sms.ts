// An AML message as an SMS gateway forwards it: as text, or as a data SMS whose user data is the
// message in 8-bit bytes or packed in GSM 7-bit septets (3GPP TS 23.038), delivered raw or written out
// as hex or base64. A user-data header in front (port addressing, concatenation) is skipped: the
// message starts at `A"ML=` wherever that is.

const MARKER = 'A"ML=';

/** The GSM 7-bit default alphabet (TS 23.038 §6.2.1); 0x1B is the escape to the extension table. */
const GSM_DEFAULT =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION: Record<number, string> = {
  10: '\f',
  20: '^',
  40: '{',
  41: '}',
  47: '\\',
  60: '[',
  61: '~',
  62: ']',
  64: '|',
  101: '€',
};

export type SmsTransport = 'text' | 'data_8bit' | 'data_7bit';

/** Unpacks GSM 7-bit septets (least significant bit first), starting `skipBits` into the bytes. */
export function unpackSeptets(bytes: Uint8Array, skipBits = 0): string {
  let out = '';
  let escaped = false;
  const total = Math.floor((bytes.length * 8 - skipBits) / 7);
  for (let i = 0; i < total; i++) {
    const bit = skipBits + i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    const v = (((bytes[byte] ?? 0) | ((bytes[byte + 1] ?? 0) << 8)) >> shift) & 0x7f;
    if (escaped) {
      out += GSM_EXTENSION[v] ?? ' ';
      escaped = false;
    } else if (v === 0x1b) escaped = true;
    else out += GSM_DEFAULT[v] ?? '?';
  }
  return out;
}

/** Packs text into GSM 7-bit septets (the reverse of unpackSeptets; used by tests and tools). */
export function packSeptets(text: string): Buffer {
  const septets: number[] = [];
  for (const ch of text) {
    const i = GSM_DEFAULT.indexOf(ch);
    if (i >= 0 && ch !== '\u001b') septets.push(i);
    else {
      const ext = Object.entries(GSM_EXTENSION).find(([, c]) => c === ch);
      septets.push(0x1b, ext ? Number(ext[0]) : 0x20);
    }
  }
  const out = Buffer.alloc(Math.ceil((septets.length * 7) / 8));
  septets.forEach((v, i) => {
    const bit = i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] = (out[byte] ?? 0) | ((v << shift) & 0xff);
    if (shift > 1 && byte + 1 < out.length) out[byte + 1] = (out[byte + 1] ?? 0) | (v >> (8 - shift));
  });
  return out;
}

/** The AML text from its first `A"ML=` to the end (a trailing line break or padding dropped). */
function fromMarker(text: string): string | null {
  const at = text.indexOf(MARKER);
  if (at < 0) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: padding a gateway leaves after the message
  return text.slice(at).replace(/[\s\u0000@]+$/, '');
}

/** A data SMS's user data: one SMS is 140 octets, a concatenated one a few of them. */
const MAX_DATA_SMS_BYTES = 1600;

function fromBytes(bytes: Uint8Array): { text: string; transport: SmsTransport } | null {
  const eight = fromMarker(Buffer.from(bytes).toString('latin1'));
  if (eight) return { text: eight, transport: 'data_8bit' };
  // The septet search tries every bit and header offset: only for what can be an SMS's user data.
  if (bytes.length > MAX_DATA_SMS_BYTES) return null;
  for (let skip = 0; skip < 7; skip++) {
    const seven = fromMarker(unpackSeptets(bytes, skip));
    if (seven) return { text: seven, transport: 'data_7bit' };
  }
  // A user-data header of n octets makes the septets start on the next septet boundary after it.
  for (let start = 1; start < Math.min(bytes.length, 16); start++)
    for (let skip = 0; skip < 7; skip++) {
      const seven = fromMarker(unpackSeptets(bytes.subarray(start), skip));
      if (seven) return { text: seven, transport: 'data_7bit' };
    }
  return null;
}

/** Finds the AML message in what a gateway delivered; null when there is none. */
export function decodeDataSms(payload: string | Buffer): { text: string; transport: SmsTransport } | null {
  if (typeof payload !== 'string') return fromBytes(payload);
  const text = payload.trim();
  const direct = fromMarker(text);
  if (direct) return { text: direct, transport: 'text' };
  const compact = text.replace(/\s+/g, '');
  if (/^([0-9a-f]{2})+$/i.test(compact)) {
    const found = fromBytes(Buffer.from(compact, 'hex'));
    if (found) return found;
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
    const found = fromBytes(
      Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64'),
    );
    if (found) return found;
  }
  return null;
}
